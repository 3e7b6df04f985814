package io.roomqueues.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the server logs while it is open. The tests log through slf4j-simple, which writes to whatever
 * {@link System#err} is at the time of each line, so the capture tees it; test classes run one at a time.
 */
final class LogCapture implements AutoCloseable {

	private final PrintStream original = System.err;

	private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

	LogCapture() {
		OutputStream tee = new OutputStream() {
			@Override
			public void write(int b) {
				LogCapture.this.original.write(b);
				synchronized (LogCapture.this.captured) {
					LogCapture.this.captured.write(b);
				}
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				LogCapture.this.original.write(bytes, offset, length);
				synchronized (LogCapture.this.captured) {
					LogCapture.this.captured.write(bytes, offset, length);
				}
			}
		};
		System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
	}

	String text() {
		synchronized (this.captured) {
			return this.captured.toString(StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() {
		System.setErr(this.original);
	}

}
