package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.orderflow.probes.http.HttpProblem;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request body and says precisely what is wrong with them.
 * Binding to records with Jackson would reject bad input too, but with messages about
 * Java types instead of messages about the API.
 */
final class JsonFields {

	/**
	 * Big enough for any order, small enough that no absurd number reaches the ledger.
	 */
	static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

	static final int MAX_TEXT_LENGTH = 255;

	private final JsonNode body;

	private JsonFields(JsonNode body) {
		this.body = body;
	}

	/**
	 * Unknown fields are refused: a misspelt optional field would otherwise be silently
	 * ignored.
	 */
	static JsonFields of(JsonNode body, Set<String> allowedFields) {
		Set<String> unknown = new TreeSet<>(body.propertyNames());
		unknown.removeAll(allowedFields);
		if (!unknown.isEmpty()) {
			throw HttpProblem
				.invalidRequest("Unknown field(s) " + unknown + "; allowed are " + new TreeSet<>(allowedFields));
		}
		return new JsonFields(body);
	}

	String requiredText(String name) {
		JsonNode node = present(name).orElseThrow(() -> missing(name));
		if (!node.isString()) {
			throw HttpProblem.invalidRequest("'" + name + "' must be a string");
		}
		String value = node.stringValue();
		if (value.isBlank()) {
			throw HttpProblem.invalidRequest("'" + name + "' must not be blank");
		}
		if (value.length() > MAX_TEXT_LENGTH) {
			throw HttpProblem.invalidRequest("'" + name + "' must be at most " + MAX_TEXT_LENGTH + " characters");
		}
		return value;
	}

	String requiredCurrency(String name) {
		String value = requiredText(name);
		if (!value.matches("[A-Z]{3}")) {
			throw HttpProblem
				.invalidRequest("'" + name + "' must be an ISO 4217 code of three upper-case letters, e.g. EUR");
		}
		return value;
	}

	BigDecimal requiredAmount(String name) {
		return optionalAmount(name).orElseThrow(() -> missing(name));
	}

	/**
	 * A money amount: a JSON number (never a string), greater than zero, with at most two
	 * decimals. Returned with exactly two decimals, so 25 and 25.00 are the same amount
	 * and both answer 25.00.
	 */
	Optional<BigDecimal> optionalAmount(String name) {
		return present(name).map(node -> {
			if (!node.isNumber()) {
				throw HttpProblem.invalidRequest("'" + name + "' must be a JSON number, e.g. 25.00");
			}
			BigDecimal amount = node.decimalValue();
			if (amount.signum() <= 0) {
				throw HttpProblem.invalidRequest("'" + name + "' must be greater than 0");
			}
			// checked before the maximum and before setScale, which could be costly for
			// 1e-999999
			if (amount.stripTrailingZeros().scale() > 2) {
				throw HttpProblem.invalidRequest("'" + name + "' must have at most 2 decimals");
			}
			if (amount.compareTo(MAX_AMOUNT) > 0) {
				throw HttpProblem.invalidRequest("'" + name + "' must be at most " + MAX_AMOUNT);
			}
			return amount.setScale(2);
		});
	}

	long requiredLong(String name) {
		JsonNode node = present(name).orElseThrow(() -> missing(name));
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw HttpProblem.invalidRequest("'" + name + "' must be a whole number");
		}
		return node.longValue();
	}

	Optional<Integer> optionalInt(String name) {
		return present(name).map(node -> {
			if (!node.isIntegralNumber()) {
				throw HttpProblem.invalidRequest("'" + name + "' must be a whole number");
			}
			if (!node.canConvertToInt()) {
				throw HttpProblem.invalidRequest("'" + name + "' is out of range, was " + node);
			}
			return node.intValue();
		});
	}

	Optional<Boolean> optionalBoolean(String name) {
		return present(name).map(node -> {
			if (!node.isBoolean()) {
				throw HttpProblem.invalidRequest("'" + name + "' must be true or false");
			}
			return node.booleanValue();
		});
	}

	double requiredNumber(String name) {
		JsonNode node = present(name).orElseThrow(() -> missing(name));
		if (!node.isNumber()) {
			throw HttpProblem.invalidRequest("'" + name + "' must be a JSON number");
		}
		return node.doubleValue();
	}

	/** {@code null} counts as absent: a client that sends null means "no value". */
	private Optional<JsonNode> present(String name) {
		return Optional.ofNullable(body.get(name)).filter(node -> !node.isNull());
	}

	private static HttpProblem missing(String name) {
		return HttpProblem.invalidRequest("'" + name + "' is required");
	}

}
