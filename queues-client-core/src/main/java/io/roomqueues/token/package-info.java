/**
 * MeshAgent participant tokens: HS256 JWTs carrying the participant name and its room, role and queues grants.
 */
@NullMarked
package io.roomqueues.token;

import org.jspecify.annotations.NullMarked;
