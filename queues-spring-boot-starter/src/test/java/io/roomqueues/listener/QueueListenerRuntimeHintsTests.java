package io.roomqueues.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ahead-of-time processing of a context with {@code @QueueListener} beans registers the reflection a native image
 * needs: the listener methods, and the payload and reply types Jackson binds.
 */
class QueueListenerRuntimeHintsTests {

	private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	@Test
	void listenerMethodsAreRegisteredForInvocation() {
		RuntimeHints hints = processAheadOfTime(Listeners.class);

		assertThat(hints).matches(this.reflection.onMethodInvocation(Listeners.class, "order"))
			.matches(this.reflection.onMethodInvocation(Listeners.class, "lines"))
			.matches(this.reflection.onMethodInvocation(Listeners.class, "async"))
			.matches(this.reflection.onMethodInvocation(Listeners.class, "twoQueues"))
			.matches(this.reflection.onMethodInvocation(Listeners.class, "tree"));
		assertThat(hints).doesNotMatch(this.reflection.onMethodInvocation(Listeners.class, "notAListener"));
	}

	@Test
	void payloadAndReplyTypesAreRegisteredForJacksonBinding() {
		RuntimeHints hints = processAheadOfTime(Listeners.class);

		// a record: its canonical constructor and accessors; a POJO: its constructor and properties
		assertThat(hints).matches(this.reflection.onMethodInvocation(Order.class, "item"), "Order.item()")
			.matches(this.reflection.onType(Order.class).withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS),
					"Order's constructors")
			.matches(this.reflection.onMethodInvocation(Confirmation.class, "orderItem"), "the reply type")
			.matches(this.reflection.onMethodInvocation(Line.class, "sku"), "T of List<Message<T>>")
			.matches(this.reflection.onMethodInvocation(Receipt.class, "total"), "T of CompletableFuture<T>")
			.matches(this.reflection.onMethodInvocation(Repeated.class, "getName"), "a POJO's getter")
			.matches(this.reflection.onMethodInvocation(Repeated.class, "setName"), "a POJO's setter")
			.matches(this.reflection.onMethodInvocation(Nested.class, "value"), "V of Message<Map<K, V>>");
	}

	@Test
	void wrappersAndTreesAreLookedThroughNotRegistered() {
		RuntimeHints hints = processAheadOfTime(Listeners.class);

		assertThat(hints).doesNotMatch(this.reflection.onType(Message.class))
			.doesNotMatch(this.reflection.onType(MessageHeaders.class))
			.doesNotMatch(this.reflection.onType(JsonNode.class))
			.doesNotMatch(this.reflection.onType(ObjectNode.class));
	}

	@Test
	void beansWithoutListenersContributeNothing() {
		RuntimeHints hints = processAheadOfTime(NotListeners.class);

		assertThat(hints).doesNotMatch(this.reflection.onMethodInvocation(NotListeners.class, "order"))
			.doesNotMatch(this.reflection.onType(Order.class));
	}

	private static RuntimeHints processAheadOfTime(Class<?> beanClass) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean("listeners", beanClass);
			TestGenerationContext generationContext = new TestGenerationContext();
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
			return generationContext.getRuntimeHints();
		}
	}

	public static class Listeners {

		@QueueListener(queue = "orders")
		@SendTo("confirmations")
		public Confirmation order(Order order, @Header(QueueHeaders.ATTEMPT) int attempt) {
			return new Confirmation(order.item());
		}

		@QueueListener(queue = "lines")
		public void lines(List<Message<Line>> lines) {
		}

		@QueueListener(queue = "async")
		@SendTo("receipts")
		public CompletableFuture<Receipt> async(Message<Map<String, Nested>> message, MessageHeaders headers) {
			return CompletableFuture.completedFuture(new Receipt(1));
		}

		@QueueListener(queue = "first")
		@QueueListener(queue = "second")
		public void twoQueues(Repeated repeated) {
		}

		@QueueListener(queue = "trees")
		public void tree(ObjectNode node) {
		}

		public void notAListener(NotAPayload payload) {
		}

	}

	public static class NotListeners {

		public void order(Order order) {
		}

	}

	public record Order(String item, int quantity) {
	}

	public record Confirmation(String orderItem) {
	}

	public record Line(String sku) {
	}

	public record Receipt(int total) {
	}

	public record Nested(String value) {
	}

	public record NotAPayload(String value) {
	}

	public static class Repeated {

		private String name = "";

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

}
