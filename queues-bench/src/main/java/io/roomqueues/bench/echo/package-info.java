/**
 * The ceiling's echo server: a WebSocket endpoint on the same embedded Tomcat as the room server, run as its own
 * process.
 */
@NullMarked
package io.roomqueues.bench.echo;

import org.jspecify.annotations.NullMarked;
