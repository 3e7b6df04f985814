package io.roomqueues.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.roomqueues.protocol.Frames;
import io.roomqueues.protocol.WireCodec;
import io.roomqueues.server.FuzzCase.Frame;
import io.roomqueues.server.FuzzCase.Send;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Frames as the protocol cuts a message into them, in 1024-byte chunks or in chunks of any size, and the byte
 * layouts a fuzz case builds its broken frames from.
 */
final class FuzzFrames {

	static final WireCodec CODEC = new WireCodec(JsonMapper.builder().build());

	private FuzzFrames() {
	}

	/** The frames of a message in 1024-byte chunks, as every SDK sends them. */
	static List<Send> standard(long request, byte[] type, byte[] payload) {
		List<Send> sends = new ArrayList<>();
		int count = (payload.length + Frames.CHUNK_SIZE - 1) / Frames.CHUNK_SIZE;
		sends.add(new Frame(header(request, count, type)));
		for (int i = 1; i <= count; i++) {
			int from = (i - 1) * Frames.CHUNK_SIZE;
			sends.add(new Frame(data(request, i, Arrays.copyOfRange(payload, from, Math.min(payload.length,
					from + Frames.CHUNK_SIZE)))));
		}
		return sends;
	}

	/** The frames of a message in chunks of 0 to 299 bytes, which receivers must accept as well. */
	static List<Send> rechunked(SplittableRandom random, long request, byte[] type, byte[] payload) {
		List<byte[]> chunks = new ArrayList<>();
		int offset = 0;
		while (offset < payload.length) {
			int end = Math.min(payload.length, offset + ((random.nextInt(10) == 0) ? 0 : random.nextInt(1, 300)));
			chunks.add(Arrays.copyOfRange(payload, offset, end));
			offset = end;
		}
		List<Send> sends = new ArrayList<>();
		sends.add(new Frame(header(request, chunks.size(), type)));
		for (int i = 0; i < chunks.size(); i++) {
			sends.add(new Frame(data(request, i + 1, chunks.get(i))));
		}
		return sends;
	}

	/** A {@code room.invoke_tool} header. */
	static ObjectNode invokeTool(String toolkit, String tool, ObjectNode arguments) {
		ObjectNode header = CODEC.jsonMapper().createObjectNode().put("toolkit", toolkit).put("tool", tool);
		header.putObject("arguments").put("type", "json").set("json", arguments);
		return header;
	}

	static byte[] header(long request, long count, byte[] type) {
		return ByteBuffer.allocate(16 + type.length).putLong(request).putInt(0).putInt((int) count).put(type).array();
	}

	static byte[] data(long request, long index, byte[] chunk) {
		return ByteBuffer.allocate(12 + chunk.length).putLong(request).putInt((int) index).put(chunk).array();
	}

	/** A payload of the given JSON bytes and their length, with no tail. */
	static byte[] withLength(byte[] json) {
		return ByteBuffer.allocate(8 + json.length).putLong(json.length).put(json).array();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The bytes with the first occurrence of a marker replaced. */
	static byte[] replace(byte[] bytes, byte[] marker, byte[] replacement) {
		for (int at = 0; at + marker.length <= bytes.length; at++) {
			if (Arrays.equals(bytes, at, at + marker.length, marker, 0, marker.length)) {
				int after = at + marker.length;
				return ByteBuffer.allocate(bytes.length - marker.length + replacement.length)
					.put(bytes, 0, at)
					.put(replacement)
					.put(bytes, after, bytes.length - after)
					.array();
			}
		}
		throw new IllegalArgumentException("marker not found");
	}

}
