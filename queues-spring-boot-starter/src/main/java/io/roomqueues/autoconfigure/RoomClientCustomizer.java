package io.roomqueues.autoconfigure;


import io.roomqueues.client.RoomClientBuilder;

/**
 * Adjusts the auto-configured {@link io.roomqueues.client.RoomClient} before it is built, such as its transport or timeouts.
 */
@FunctionalInterface
public interface RoomClientCustomizer {

	/**
	 * Adjusts the builder before the client is built.
	 * @param builder the builder, with the properties applied
	 */
	void customize(RoomClientBuilder builder);

}
