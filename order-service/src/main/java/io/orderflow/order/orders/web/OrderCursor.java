package io.orderflow.order.orders.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.order.orders.OrderRepository.Position;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@code next} and {@code after} of {@code GET /api/orders}: a position in the
 * listing as an opaque token, so clients page by following it and never build one, and
 * the encoding can change without breaking them (a token from an older format is refused
 * as any other unknown text is). Today it is Base64url of
 * {@code o1.<placed at, microseconds since the epoch>.<order id>}.
 */
final class OrderCursor {

	/**
	 * Base64url of the longest token this class writes is 83 characters; nothing longer
	 * is one of ours.
	 */
	static final int MAX_LENGTH = 100;

	/**
	 * Orders are placed after 1970 and before 10 000: a position outside is not one of
	 * ours (nor in PostgreSQL's range).
	 */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	private static final Pattern DECODED = Pattern
		.compile("o1\\.(\\d{1,19})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

	private OrderCursor() {
	}

	static String encode(Position position) {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.placedAt());
		String text = "o1." + micros + "." + position.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * @throws InvalidCursorException when the text is not a token {@link #encode} wrote
	 */
	static Position decode(String token) {
		if (token.length() > MAX_LENGTH) {
			throw new InvalidCursorException();
		}
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException notBase64) {
			throw new InvalidCursorException();
		}
		Matcher matcher = DECODED.matcher(text);
		if (!matcher.matches()) {
			throw new InvalidCursorException();
		}
		try {
			Instant placedAt = Instant.EPOCH.plus(Long.parseLong(matcher.group(1)), ChronoUnit.MICROS);
			if (placedAt.isAfter(LATEST)) {
				throw new InvalidCursorException();
			}
			return new Position(placedAt, UUID.fromString(matcher.group(2)));
		}
		catch (RuntimeException outOfRange) {
			throw new InvalidCursorException();
		}
	}

	/** {@code after} is not a {@code next} this API gave out. */
	static final class InvalidCursorException extends ResponseStatusException {

		InvalidCursorException() {
			super(HttpStatus.BAD_REQUEST, "'after' must be the 'next' of a page this API answered, unchanged");
		}

	}

}
