/**
 * The MeshAgent room wire protocol: frames, payload packing and response contents, shared by the client and the
 * embedded server.
 */
@NullMarked
package io.roomqueues.protocol;

import org.jspecify.annotations.NullMarked;
