package io.orderflow.deadletter.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

/**
 * Where the next page of a dead-letter listing goes on: for each partition of the
 * service's dead-letter topics that still holds older dead letters, the offset below
 * which they are. Offsets only go down from page to page, and a dead letter written after
 * the first page is not on a later one: the pages are stable however many dead letters
 * arrive meanwhile. A partition the cursor does not name has nothing left.
 *
 * <p>
 * Opaque to clients: base64url of {@code v1:<topic>/<partition>=<offset>,...}.
 */
public record DeadLetterCursor(Map<TopicPartition, Long> before) {

	/** A cursor longer than this is not one a service gave. */
	static final int MAX_LENGTH = 4096;

	private static final String VERSION = "v1:";

	/** Kafka's topic name characters; an int partition; a long offset. */
	private static final Pattern POSITION = Pattern.compile("([a-zA-Z0-9._-]{1,249})/(\\d{1,9})=(\\d{1,18})");

	public DeadLetterCursor {
		before = Map.copyOf(before);
	}

	public String encode() {
		String positions = before.entrySet()
			.stream()
			.map(entry -> entry.getKey().topic() + "/" + entry.getKey().partition() + "=" + entry.getValue())
			.sorted()
			.collect(Collectors.joining(","));
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((VERSION + positions).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param isOwnTopic whether a topic is one of the service's dead-letter topics
	 * @throws InvalidCursorException when the text is not a cursor of this service's
	 * listing
	 */
	public static DeadLetterCursor decode(String text, Predicate<String> isOwnTopic) {
		if (text.length() > MAX_LENGTH) {
			throw new InvalidCursorException();
		}
		String decoded;
		try {
			decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCursorException();
		}
		if (!decoded.startsWith(VERSION)) {
			throw new InvalidCursorException();
		}
		Map<TopicPartition, Long> before = new LinkedHashMap<>();
		String positions = decoded.substring(VERSION.length());
		for (String position : positions.isEmpty() ? new String[0] : positions.split(",", -1)) {
			Matcher matcher = POSITION.matcher(position);
			if (!matcher.matches() || !isOwnTopic.test(matcher.group(1))) {
				throw new InvalidCursorException();
			}
			TopicPartition tp = new TopicPartition(matcher.group(1), Integer.parseInt(matcher.group(2)));
			if (before.put(tp, Long.parseLong(matcher.group(3))) != null) {
				throw new InvalidCursorException();
			}
		}
		return new DeadLetterCursor(before);
	}

	/** Not a cursor this service's listing gave. */
	public static class InvalidCursorException extends RuntimeException {

		InvalidCursorException() {
			super("cursor is not one this listing gave: start again without it and follow the Link header's next page");
		}

	}

}
