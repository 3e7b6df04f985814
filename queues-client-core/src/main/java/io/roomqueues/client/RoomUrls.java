package io.roomqueues.client;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Room URLs as MeshAgent's SDKs build them: a base URL from {@code MESHAGENT_ROOM_URL}, else
 * {@code MESHAGENT_API_URL}, with {@code http} turned into {@code ws} and {@code https} into {@code wss}, and the
 * room at {@code <base>/rooms/<room>}.
 */
public final class RoomUrls {

	private static final java.util.regex.Pattern TOKEN_PARAMETER = java.util.regex.Pattern.compile("token=[^&\\s\\]\"')]*");

	private static final java.util.regex.Pattern BEARER = java.util.regex.Pattern.compile("(?i)bearer\\s+[^\\s\"',]+");

	private static final java.util.regex.Pattern JWT = java.util.regex.Pattern
		.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	/** MeshAgent's hosted API, the SDKs' fallback when nothing is configured. */
	public static final String HOSTED_URL = "wss://api.meshagent.com";

	private RoomUrls() {
	}

	/** The base URL MeshAgent's environment variables give, or {@code null} when neither is set. */
	public static @Nullable String fromEnvironment() {
		return fromEnvironment(System::getenv);
	}

	/** The base URL the given environment gives, or {@code null} when neither variable is set. */
	public static @Nullable String fromEnvironment(Function<String, @Nullable String> environment) {
		String url = nonBlank(environment.apply("MESHAGENT_ROOM_URL"));
		if (url == null) {
			url = nonBlank(environment.apply("MESHAGENT_API_URL"));
		}
		return (url != null) ? toWebSocket(url) : null;
	}

	/** Turns {@code http:} into {@code ws:} and {@code https:} into {@code wss:}, and drops a trailing slash. */
	public static String toWebSocket(String url) {
		String result = url.trim();
		if (result.startsWith("https:")) {
			result = "wss:" + result.substring("https:".length());
		}
		else if (result.startsWith("http:")) {
			result = "ws:" + result.substring("http:".length());
		}
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		if (!result.startsWith("ws:") && !result.startsWith("wss:")) {
			throw new IllegalArgumentException(
					"room URL must start with ws:, wss:, http: or https:, not '" + redactTokens(url) + "'");
		}
		return result;
	}

	/**
	 * The URI of a room with the token in its query, as MeshAgent's TypeScript client up to 0.39 sends it; other query
	 * parameters of the base URL are kept and an existing {@code token} is replaced.
	 */
	public static URI roomUri(String baseUrl, String room, String token) {
		List<String> query = otherParameters(baseUrl);
		query.add("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		return roomUri(baseUrl, room, query);
	}

	/** The URI of a room without any token; other query parameters of the base URL are kept. */
	public static URI roomUri(String baseUrl, String room) {
		return roomUri(baseUrl, room, otherParameters(baseUrl));
	}

	/** A base URL without its {@code token} query parameter, if it had one. */
	public static String withoutToken(String url) {
		URI base = uri(toWebSocket(url));
		List<String> query = otherParameters(url);
		return base.getScheme() + "://" + base.getRawAuthority() + ((base.getRawPath() != null) ? base.getRawPath() : "")
				+ (query.isEmpty() ? "" : "?" + String.join("&", query));
	}

	/** The token in a URL's query, or {@code null}. */
	public static @Nullable String tokenOf(String url) {
		String query = uri(toWebSocket(url)).getRawQuery();
		if (query != null) {
			for (String part : query.split("&")) {
				if (part.startsWith("token=") && part.length() > "token=".length()) {
					return URLDecoder.decode(part.substring("token=".length()), StandardCharsets.UTF_8);
				}
			}
		}
		return null;
	}

	/** Parses a URL; a refusal names it with its tokens hidden and without the parser's text, which repeats it. */
	private static URI uri(String url) {
		try {
			return URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("room URL is not a valid URI: '" + redactTokens(url) + "'");
		}
	}

	private static URI roomUri(String baseUrl, String room, List<String> query) {
		URI base = uri(toWebSocket(baseUrl));
		String path = ((base.getRawPath() != null) ? base.getRawPath() : "") + "/rooms/"
				+ URLEncoder.encode(room, StandardCharsets.UTF_8).replace("+", "%20");
		return uri(base.getScheme() + "://" + base.getRawAuthority() + path
				+ (query.isEmpty() ? "" : "?" + String.join("&", query)));
	}

	private static List<String> otherParameters(String baseUrl) {
		URI base = uri(toWebSocket(baseUrl));
		List<String> query = new ArrayList<>();
		if (base.getRawQuery() != null) {
			for (String part : base.getRawQuery().split("&")) {
				if (!part.isEmpty() && !part.startsWith("token=") && !part.equals("token")) {
					query.add(part);
				}
			}
		}
		return query;
	}

	/** A URI fit for logs: scheme, authority and path only, never the token. */
	public static String redact(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	/**
	 * Hides tokens in a text, such as a transport's error message: {@code token=...} query values, {@code Bearer ...}
	 * credentials and anything shaped like a JWT.
	 */
	public static String redactTokens(String text) {
		String hidden = TOKEN_PARAMETER.matcher(text).replaceAll("token=<hidden>");
		hidden = BEARER.matcher(hidden).replaceAll("Bearer <hidden>");
		return JWT.matcher(hidden).replaceAll("<token hidden>");
	}

	static Map<String, String> bearer(String token) {
		return Map.of("Authorization", "Bearer " + token);
	}

	private static @Nullable String nonBlank(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

}
