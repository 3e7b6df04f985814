/**
 * Spring test support: {@link io.roomqueues.test.EmbeddedQueueServer @EmbeddedQueueServer} runs an embedded room
 * server for a test context and points the auto-configured clients at it.
 */
@NullMarked
package io.roomqueues.test;

import org.jspecify.annotations.NullMarked;
