package io.roomqueues.server;

/**
 * A queue's name and how many messages it holds, as {@code list} reports it.
 *
 * @param name the queue name
 * @param size the number of messages waiting
 */
public record QueueInfo(String name, int size) {
}
