package io.roomqueues.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Reads {@link EmbeddedQueueServer} from a test class (registered in {@code META-INF/spring.factories}).
 */
class EmbeddedQueueServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EmbeddedQueueServer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				EmbeddedQueueServer.class);
		return (annotation != null) ? new EmbeddedQueueServerContextCustomizer(annotation) : null;
	}

}
