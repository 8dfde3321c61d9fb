package io.orderflow.console.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's value as a person can read it in a list: JSON on one line, other text as it
 * is, anything else as a note. Never long: poison can be megabytes, and the page shows
 * the first few hundred characters.
 */
final class PayloadText {

	static final int MAX_CHARS = 600;

	/** Values up to this size are parsed as JSON; larger ones are only shown in part. */
	static final int MAX_PARSED_BYTES = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PayloadText() {
	}

	/** The parsed JSON object of a value, or {@code null} when it is none. */
	static JsonNode json(byte[] value) {
		if (value == null || value.length == 0 || value.length > MAX_PARSED_BYTES) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(value);
			return node != null && node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static String of(byte[] value, JsonNode parsed) {
		if (value == null) {
			return "(no value)";
		}
		if (value.length == 0) {
			return "(empty)";
		}
		if (parsed != null) {
			return shorten(JSON.writeValueAsString(parsed), value.length);
		}
		byte[] head = value.length > MAX_PARSED_BYTES ? Arrays.copyOf(value, MAX_PARSED_BYTES) : value;
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(head))
				.toString();
			return shorten(printable(text), value.length);
		}
		catch (CharacterCodingException ex) {
			// a value cut at the limit may end inside a character: that alone does not
			// make it binary
			if (head != value) {
				return shorten(printable(new String(head, StandardCharsets.UTF_8)), value.length);
			}
			return "(" + value.length + " bytes, not text)";
		}
	}

	private static String printable(String text) {
		StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS + 1));
		for (int i = 0; i < text.length() && out.length() <= MAX_CHARS; i++) {
			char c = text.charAt(i);
			out.append(Character.isISOControl(c) ? ' ' : c);
		}
		return out.toString();
	}

	private static String shorten(String text, int bytes) {
		if (text.length() <= MAX_CHARS) {
			return text;
		}
		return text.substring(0, MAX_CHARS) + "… (" + bytes + " bytes)";
	}

}
