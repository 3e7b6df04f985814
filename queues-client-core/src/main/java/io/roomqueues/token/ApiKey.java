package io.roomqueues.token;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * A MeshAgent API key, {@code ma-<key id>-<project id>-<secret>}, whose ids are URL-safe base64 UUIDs with
 * {@code -} written as {@code .}; tokens signed with it carry {@code kid} and {@code sub}.
 *
 * @param id the key id, a UUID string
 * @param projectId the project id, a UUID string
 * @param secret the HMAC secret
 */
public record ApiKey(String id, String projectId, String secret) {

	private static final String PREFIX = "ma-";

	/**
	 * Parses an API key.
	 * @param key the key as MeshAgent prints it
	 * @return the parts
	 * @throws IllegalArgumentException if the key does not have the {@code ma-<id>-<project>-<secret>} form
	 */
	public static ApiKey parse(String key) {
		if (!key.startsWith(PREFIX)) {
			throw new IllegalArgumentException("API key must start with 'ma-'");
		}
		String[] parts = key.substring(PREFIX.length()).split("-", 3);
		if (parts.length < 3 || parts[2].isEmpty()) {
			throw new IllegalArgumentException("API key must have the form ma-<key id>-<project id>-<secret>");
		}
		return new ApiKey(decompressUuid(parts[0], "key id"), decompressUuid(parts[1], "project id"), parts[2]);
	}

	/** Writes the key in MeshAgent's {@code ma-...} form. */
	public String encode() {
		return PREFIX + compressUuid(this.id) + "-" + compressUuid(this.projectId) + "-" + this.secret;
	}

	@Override
	public String toString() {
		return "ApiKey[id=" + this.id + ", projectId=" + this.projectId + ", secret=<hidden>]";
	}

	private static String compressUuid(String uuid) {
		UUID value = UUID.fromString(uuid);
		byte[] bytes = ByteBuffer.allocate(16)
			.putLong(value.getMostSignificantBits())
			.putLong(value.getLeastSignificantBits())
			.array();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', '.');
	}

	private static String decompressUuid(String compressed, String what) {
		try {
			ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(compressed.replace('.', '-')));
			if (bytes.remaining() != 16) {
				throw new IllegalArgumentException("API key " + what + " is not a compressed UUID");
			}
			return new UUID(bytes.getLong(), bytes.getLong()).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("API key " + what + " is not a compressed UUID", ex);
		}
	}

}
