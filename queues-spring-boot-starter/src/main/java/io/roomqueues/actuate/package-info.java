/**
 * Actuator support: the room health indicator and the {@code queues} endpoint.
 */
@NullMarked
package io.roomqueues.actuate;

import org.jspecify.annotations.NullMarked;
