/**
 * A sample application: orders arrive over HTTP, flow through room queues to a listener that confirms them, and
 * invalid ones land on a dead-letter queue.
 */
@NullMarked
package io.roomqueues.sample;

import org.jspecify.annotations.NullMarked;
