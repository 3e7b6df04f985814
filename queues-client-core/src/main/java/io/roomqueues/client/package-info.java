/**
 * The room client: {@link io.roomqueues.client.RoomClient} holds one WebSocket to a MeshAgent room and
 * {@link io.roomqueues.client.QueuesClient} calls the room's {@code queues} toolkit through it.
 */
@NullMarked
package io.roomqueues.client;

import org.jspecify.annotations.NullMarked;
