package io.roomqueues.autoconfigure;

/**
 * A setting the room connection needs is missing or wrong; the message says which property to set.
 */
public class RoomConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/** What to do about it. */
	private final String action;

	/**
	 * Creates the exception.
	 * @param message what is missing or wrong
	 * @param action what to do about it
	 */
	public RoomConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/** {@return what to do about it} */
	public String getAction() {
		return this.action;
	}

}
