package io.roomqueues.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an embedded room server on a random loopback port for a Spring test context, and registers it (bean
 * {@value EmbeddedQueueServerContextCustomizer#SERVER_BEAN_NAME}) and a
 * {@link io.roomqueues.autoconfigure.RoomConnectionDetails} pointing at it, so the test needs no properties.
 * Contexts with the same attributes share one server through the test context cache.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedQueueServer {

	/** {@return the room the clients join} */
	String room() default "test-room";

	/** {@return the participant name in the tokens the server mints for the clients} */
	String participant() default "test";

	/** {@return the port; 0 picks a free one} */
	int port() default 0;

}
