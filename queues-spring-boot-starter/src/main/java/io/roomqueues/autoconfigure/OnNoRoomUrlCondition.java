package io.roomqueues.autoconfigure;

import org.jspecify.annotations.Nullable;
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
		String source = roomUrlSource(context.getEnvironment());
		if (source != null) {
			return ConditionOutcome.noMatch("a room URL is configured by " + source);
		}
		return ConditionOutcome.match("no room URL is configured (queues.room.url, MESHAGENT_ROOM_URL, MESHAGENT_API_URL)");
	}

	/** The first setting that configures a room URL, or {@code null} if none does. */
	static @Nullable String roomUrlSource(Environment environment) {
		for (String source : URL_SOURCES) {
			String value = environment.getProperty(source);
			if (value != null && !value.isBlank()) {
				return source;
			}
		}
		return null;
	}

}
