package io.orderflow.order.orders.it;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile input for {@link HostileInputIT}, and a tiny JSON writer that can
 * write what a JSON library refuses to: lone surrogates (escaped), raw number tokens such
 * as {@code 1e400}, duplicated keys.
 */
final class Hostile {

	private Hostile() {
	}

	/** A JSON token written as is, such as {@code 1e400} or {@code NaN}. */
	record Raw(String token) {
	}

	/** Hand-picked strings every string field must survive. */
	static final List<String> SEEDS = List.of("", " ", "\t", "\r\n", "   c-42   ", "' OR 1=1 --",
			"'; drop table customer_order; --", "c-42%' or customer_id like '%", "<script>alert(1)</script>",
			"\"><img src=x onerror=alert(1)>", "${jndi:ldap://x/a}", "#{7*7}", "{{7*7}}", "../../etc/passwd",
			"..\\..\\windows\\win.ini", "%00", "%2e%2e%2f", "\u0000", "c-42\u0000", "\u0000\u0000\u0000",
			"\u0007\u001b[31m", "\u202Ec-42", "\u200Fc-42\u200E", "c\u200B42", "\uFEFFc-42", "\uD83D\uDE00",
			"c-42-\uD83D\uDCDA", "\uD83D", "\uDE00c", "\uFFFF", "\uFFFE", "\u05E9\u05DC\u05D5\u05DD",
			"\u0627\u0644\u0633\u0644\u0627\u0645", "Z\u0351\u036B\u0343\u036A\u0302\u036B", "ＥＵＲ", "e\u0301", "null",
			"NULL", "undefined", "NaN", "true", "0", "-1", "1e400", "[]", "{}", "\\", "\"", "\\u0000", "a@b", "@",
			"ada@", "@example.com", "ada @example.com", "ada@example.com\n", "ada@example.com\u0000", "eur", "XXX",
			"JPY", "EU", "EURO", "€", "pm card", "pm_card_visa;rm -rf /", "$(reboot)", "`id`", "x".repeat(65),
			"x".repeat(255), "x".repeat(10_000));

	/**
	 * Any string, biased to hostile ones: seeds, arbitrary unicode (surrogates and
	 * controls too), long, mixed.
	 */
	static Arbitrary<String> strings() {
		Arbitrary<String> seeds = Arbitraries.of(SEEDS);
		Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(120);
		Arbitrary<String> specials = Arbitraries.strings()
			.withChars(
					"\u0000\u0001\u001f\u007f\u0085\u00a0\u2028\u2029\u202e\u200b\ufeff\ud83d\ude00\ud800\udfff'\"\\<>%&;$`{}[]/ \t\r\n")
			.withCharRange('a', 'c')
			.ofMinLength(1)
			.ofMaxLength(40);
		Arbitrary<String> long_ = Arbitraries.integers().between(65, 20_000).map("y"::repeat);
		Arbitrary<String> spliced = Arbitraries.of(SEEDS).map(seed -> "c-42" + seed);
		return Arbitraries.frequencyOf(Tuple.of(4, seeds), Tuple.of(3, anyUnicode), Tuple.of(2, specials),
				Tuple.of(1, long_), Tuple.of(2, spliced));
	}

	/**
	 * A value of the wrong JSON type for a string field (JSON may coerce scalars to text,
	 * so these may pass).
	 */
	static Arbitrary<Object> notStrings() {
		return Arbitraries.oneOf(Arbitraries.integers().map(Object.class::cast),
				Arbitraries.of(true, false).map(Object.class::cast),
				Arbitraries.of(new Raw("1e400"), new Raw("-0"), new Raw("3.14"), new Raw("99999999999999999999999")));
	}

	/** Values that can never be a valid string field: null, arrays, objects. */
	static Arbitrary<Object> neverStrings() {
		return Arbitraries.of(new Raw("null"), new Raw("[]"), new Raw("[\"c-42\"]"), new Raw("{}"),
				new Raw("{\"value\":\"c-42\"}"), new Raw("[null]"));
	}

	/**
	 * Number-ish tokens for quantity and unitPrice: big, negative, fractional, exponent,
	 * not JSON at all.
	 */
	static Arbitrary<Object> numbers() {
		Arbitrary<Object> integers = Arbitraries.bigIntegers()
			.between(new java.math.BigInteger("-1" + "0".repeat(30)), new java.math.BigInteger("1" + "0".repeat(30)))
			.map(value -> (Object) new Raw(value.toString()));
		Arbitrary<Object> decimals = Arbitraries.bigDecimals()
			.between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
			.ofScale(5)
			.map(value -> (Object) new Raw(value.toPlainString()));
		Arbitrary<Object> tokens = Arbitraries.of(new Raw("1e400"), new Raw("-1e400"), new Raw("1e-400"),
				new Raw("1E2"), new Raw("1.25e1"), new Raw("12.505"), new Raw("12.5000000001"), new Raw("0"),
				new Raw("-0"), new Raw("-0.00"), new Raw("2147483648"), new Raw("-2147483649"),
				new Raw("9223372036854775808"), new Raw("0.001"), new Raw("1000000000.00"), new Raw("999999999.99"),
				new Raw("NaN"), new Raw("Infinity"), new Raw("-Infinity"), new Raw("0x10"), new Raw("+1"),
				new Raw(".5"), new Raw("5."), new Raw("01"), new Raw("1_000"), new Raw("true"), new Raw("null"),
				new Raw("[]"), new Raw("{}"), new Raw("[2]"), "2", "12.50", "two", "", " 2 ", "1e400", "NaN");
		return Arbitraries.frequencyOf(Tuple.of(2, integers), Tuple.of(2, decimals), Tuple.of(3, tokens),
				Tuple.of(1, strings().map(Object.class::cast)));
	}

	// ---- what the API accepts (a necessary condition: a value failing it must be
	// rejected)

	static boolean mayBeValid(String field, Object value) {
		if (!(value instanceof String text)) {
			return !(value instanceof Raw raw) || !List.of("null", "[]", "{}").contains(raw.token())
					&& !raw.token().startsWith("[") && !raw.token().startsWith("{");
		}
		return switch (field) {
			case "currency" -> text.matches("[A-Z]{3}") && knownWithCents(text);
			case "paymentMethod" -> text.length() <= 64 && text.matches("\\w+");
			case "sku" -> text.length() <= 64 && text.matches("[\\w.-]+");
			default -> true;
		};
	}

	private static boolean knownWithCents(String code) {
		try {
			return Currency.getInstance(code).getDefaultFractionDigits() == 2;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	// ---- bodies

	/** The brief's order; the customer is the bearer token's. */
	static Map<String, Object> validOrder() {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("currency", "EUR");
		order.put("paymentMethod", "pm_card_visa");
		List<Object> lines = new ArrayList<>();
		lines.add(line("BOOK-1", 2, new BigDecimal("12.50")));
		order.put("lines", lines);
		return order;
	}

	static Map<String, Object> line(String sku, Object quantity, Object unitPrice) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("sku", sku);
		line.put("quantity", quantity);
		line.put("unitPrice", unitPrice);
		return line;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> firstLine(Map<String, Object> order) {
		return (Map<String, Object>) ((List<Object>) order.get("lines")).getFirst();
	}

	/**
	 * JSON text; strings keep valid unicode as is and escape controls and lone
	 * surrogates.
	 */
	static String json(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	private static void write(Object value, StringBuilder out) {
		switch (value) {
			case null -> out.append("null");
			case Raw raw -> out.append(raw.token());
			case String text -> quote(text, out);
			case Map<?, ?> map -> {
				out.append('{');
				boolean first = true;
				for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
					out.append(first ? "" : ",");
					first = false;
					quote(entry.getKey(), out);
					out.append(':');
					write(entry.getValue(), out);
				}
				out.append('}');
			}
			case List<?> list -> {
				out.append('[');
				for (int i = 0; i < list.size(); i++) {
					out.append(i == 0 ? "" : ",");
					write(list.get(i), out);
				}
				out.append(']');
			}
			case BigDecimal decimal -> out.append(decimal.toPlainString());
			default -> out.append(value);
		}
	}

	private static void quote(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			if (pairedHigh) {
				out.append(c).append(text.charAt(++i));
			}
			else if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				out.append("\\u%04x".formatted((int) c));
			}
			else {
				out.append(c);
			}
		}
		out.append('"');
	}

}
