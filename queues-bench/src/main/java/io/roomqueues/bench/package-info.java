/**
 * The benchmark harness: pipelined queue requests over one connection, JDK vs Tomcat WebSocket transport.
 */
@NullMarked
package io.roomqueues.bench;

import org.jspecify.annotations.NullMarked;
