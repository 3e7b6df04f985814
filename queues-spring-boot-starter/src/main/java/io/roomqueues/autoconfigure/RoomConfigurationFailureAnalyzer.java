package io.roomqueues.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link RoomConfigurationException} into a startup report that names the property to set.
 */
class RoomConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<RoomConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RoomConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
