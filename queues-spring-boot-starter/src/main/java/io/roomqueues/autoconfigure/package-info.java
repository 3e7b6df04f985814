/**
 * Auto-configuration for room queues: the room connection, the clients, listener containers, observability and the
 * embedded server.
 */
@NullMarked
package io.roomqueues.autoconfigure;

import org.jspecify.annotations.NullMarked;
