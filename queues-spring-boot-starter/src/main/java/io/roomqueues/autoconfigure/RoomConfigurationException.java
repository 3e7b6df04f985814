package io.roomqueues.autoconfigure;

/**
 * A setting the room connection needs is missing or wrong; the message says which property to set.
 */
public class RoomConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String action;

	public RoomConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/** What to do about it. */
	public String getAction() {
		return this.action;
	}

}
