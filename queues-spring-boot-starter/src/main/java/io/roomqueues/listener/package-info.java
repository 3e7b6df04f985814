/**
 * {@code @QueueListener} support: annotated methods (and endpoints registered in code) become listener containers
 * that receive from a room queue, one message, a batch or an asynchronous result at a time, retry failures,
 * dead-letter what cannot be processed, and stop without losing a message.
 */
@NullMarked
package io.roomqueues.listener;

import org.jspecify.annotations.NullMarked;
