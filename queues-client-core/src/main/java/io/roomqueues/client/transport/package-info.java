/**
 * The WebSocket a room client runs on, behind a small interface so the implementation can be chosen by measurement.
 */
@NullMarked
package io.roomqueues.client.transport;

import org.jspecify.annotations.NullMarked;
