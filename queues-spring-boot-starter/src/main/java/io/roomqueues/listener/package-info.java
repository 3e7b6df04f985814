/**
 * {@code @QueueListener} support: annotated methods become listener containers that receive from a room queue,
 * retry failures, dead-letter what cannot be processed, and stop without losing a message.
 */
@NullMarked
package io.roomqueues.listener;

import org.jspecify.annotations.NullMarked;
