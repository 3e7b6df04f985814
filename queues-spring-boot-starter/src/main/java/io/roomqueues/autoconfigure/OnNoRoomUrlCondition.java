package io.roomqueues.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when no room URL is configured: neither {@code queues.room.url} nor MeshAgent's {@code MESHAGENT_ROOM_URL}
 * or {@code MESHAGENT_API_URL}.
 */
class OnNoRoomUrlCondition extends SpringBootCondition {

	private static final String[] URL_SOURCES = { "queues.room.url", "MESHAGENT_ROOM_URL", "MESHAGENT_API_URL" };

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		for (String source : URL_SOURCES) {
			String value = environment.getProperty(source);
			if (value != null && !value.isBlank()) {
				return ConditionOutcome.noMatch("a room URL is configured by " + source);
			}
		}
		return ConditionOutcome.match("no room URL is configured (queues.room.url, MESHAGENT_ROOM_URL, MESHAGENT_API_URL)");
	}

}
