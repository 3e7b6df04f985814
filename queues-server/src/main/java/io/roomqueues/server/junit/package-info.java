/**
 * JUnit 5 support: an embedded room server per test class or per test, for tests that do not use Spring.
 */
@NullMarked
package io.roomqueues.server.junit;

import org.jspecify.annotations.NullMarked;
