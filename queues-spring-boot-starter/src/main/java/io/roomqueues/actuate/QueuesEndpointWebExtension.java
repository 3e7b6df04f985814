package io.roomqueues.actuate;

import io.roomqueues.actuate.QueuesEndpoint.ErrorDescriptor;
import io.roomqueues.actuate.QueuesEndpoint.ListenerDescriptor;
import io.roomqueues.actuate.QueuesEndpoint.QueueDescriptor;
import io.roomqueues.actuate.QueuesEndpoint.QueuesDescriptor;
import io.roomqueues.actuate.QueuesEndpointWebExtension.QueuesEndpointWebExtensionRuntimeHints;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The {@link QueuesEndpoint} over HTTP, with the status codes a client can act on: 404 for an unknown listener id,
 * 400 for an unknown action, 202 for a stop that goes on in the background, and 409 for a start while stopping.
 * Refusals carry a body saying why.
 */
@EndpointWebExtension(endpoint = QueuesEndpoint.class)
@ImportRuntimeHints(QueuesEndpointWebExtensionRuntimeHints.class)
public class QueuesEndpointWebExtension {

	/** Status of a start refused because the container is still stopping. */
	public static final int STATUS_CONFLICT = 409;

	/** Status of a stop that goes on after the answer. */
	public static final int STATUS_ACCEPTED = 202;

	private final QueuesEndpoint delegate;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint it answers for
	 */
	public QueuesEndpointWebExtension(QueuesEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Reads one listener container.
	 * @param id the listener id
	 * @return the container, or 404 naming the known ids
	 */
	@ReadOperation
	public WebEndpointResponse<Object> listener(@Selector String id) {
		ListenerDescriptor listener = this.delegate.listener(id);
		if (listener != null) {
			return new WebEndpointResponse<>(listener);
		}
		return answer(this.delegate.unknownListener(id), WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Pauses, resumes, starts or stops one listener container.
	 * @param id the listener id
	 * @param action one of {@code pause}, {@code resume}, {@code start} or {@code stop}
	 * @return the container afterwards (202 for a stop still going on), or 404, 400 or 409 saying why not
	 */
	@WriteOperation
	public WebEndpointResponse<Object> control(@Selector String id, @Nullable String action) {
		ControlResult result = this.delegate.apply(id, action);
		return switch (result.outcome()) {
			case DONE -> new WebEndpointResponse<>(result.listener());
			case ACCEPTED -> new WebEndpointResponse<>(result.listener(), STATUS_ACCEPTED);
			case NOT_FOUND -> answer(result.message(), WebEndpointResponse.STATUS_NOT_FOUND);
			case BAD_ACTION -> answer(result.message(), WebEndpointResponse.STATUS_BAD_REQUEST);
			case CONFLICT -> answer(result.message(), STATUS_CONFLICT);
		};
	}

	private static WebEndpointResponse<Object> answer(@Nullable String message, int status) {
		return new WebEndpointResponse<>(new ErrorDescriptor((message != null) ? message : ""), status);
	}

	/** Jackson binds the answers through {@code Object}, which Boot's operation hints cannot see through. */
	static class QueuesEndpointWebExtensionRuntimeHints implements RuntimeHintsRegistrar {

		private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			this.bindingRegistrar.registerReflectionHints(hints.reflection(), QueuesDescriptor.class,
					QueueDescriptor.class, ListenerDescriptor.class, ErrorDescriptor.class);
		}

	}

}
