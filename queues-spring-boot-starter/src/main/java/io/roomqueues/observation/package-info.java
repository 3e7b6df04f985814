/**
 * Micrometer observations of client requests and listener processing, their conventions, trace context carried in
 * messages, and the queue metrics.
 */
@NullMarked
package io.roomqueues.observation;

import org.jspecify.annotations.NullMarked;
