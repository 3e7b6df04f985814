package io.roomqueues.autoconfigure;

import io.roomqueues.client.RoomClient;

/**
 * Adjusts the auto-configured {@link RoomClient} before it is built, such as its transport or timeouts.
 */
@FunctionalInterface
public interface RoomClientCustomizer {

	void customize(RoomClient.Builder builder);

}
