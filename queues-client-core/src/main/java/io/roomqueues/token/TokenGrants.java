package io.roomqueues.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code api} grant scope of a token, written as an object by current SDKs and as a JSON string by older
 * Python ones.
 */
final class TokenGrants {

	private TokenGrants() {
	}

	static @Nullable QueuesGrant queuesGrant(@Nullable Object apiScope) throws InvalidTokenException {
		Map<?, ?> scope = asMap(apiScope);
		if (scope == null || !(scope.get("queues") instanceof Map<?, ?> queues)) {
			return null;
		}
		Object list = queues.get("list");
		return new QueuesGrant(names(queues.get("send"), "send"), names(queues.get("receive"), "receive"),
				!Boolean.FALSE.equals(list));
	}

	private static @Nullable Map<?, ?> asMap(@Nullable Object scope) throws InvalidTokenException {
		if (scope instanceof Map<?, ?> map) {
			return map;
		}
		if (scope instanceof String json) {
			try {
				return JsonUtil.parseJson(json);
			}
			catch (JoseException ex) {
				throw new InvalidTokenException("token 'api' grant scope is not JSON", ex);
			}
		}
		return null;
	}

	private static @Nullable List<String> names(@Nullable Object value, String field) throws InvalidTokenException {
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list)) {
			throw new InvalidTokenException("token queues grant '" + field + "' must be a list of queue names");
		}
		List<String> names = new ArrayList<>();
		for (Object name : list) {
			names.add(String.valueOf(name));
		}
		return names;
	}

}
