package io.roomqueues.client;

/**
 * A queue of a room, as {@code list} reports it.
 *
 * @param name the queue name
 * @param size how many messages wait in it
 */
public record Queue(String name, int size) {
}
