/**
 * A sample application: orders arrive over HTTP and flow through room queues to a listener that confirms them
 * (invalid ones land on a dead-letter queue), an asynchronous listener that notifies the customer, and a batch
 * listener that ships confirmed orders together.
 */
@NullMarked
package io.roomqueues.sample;

import org.jspecify.annotations.NullMarked;
