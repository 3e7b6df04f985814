package io.roomqueues.protocol;

import java.util.ArrayList;
import java.util.List;

/** Collects what a {@link MessageAssembler} reports. */
final class CollectingListener implements MessageAssembler.Listener {

	final List<ProtocolMessage> messages = new ArrayList<>();

	final List<ProtocolException> errors = new ArrayList<>();

	@Override
	public void onMessage(ProtocolMessage message) {
		this.messages.add(message);
	}

	@Override
	public void onError(ProtocolException error) {
		this.errors.add(error);
	}

}
