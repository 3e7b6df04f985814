/**
 * An embeddable room server that speaks MeshAgent's wire protocol and implements the {@code queues} toolkit.
 */
@NullMarked
package io.roomqueues.server;

import org.jspecify.annotations.NullMarked;
