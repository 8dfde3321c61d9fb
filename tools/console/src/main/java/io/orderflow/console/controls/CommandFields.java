package io.orderflow.console.controls;

import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Reads a command's fields and says precisely what is wrong with them. Unknown fields are
 * refused: a misspelt field would otherwise be silently ignored.
 */
final class CommandFields {

	private final String command;

	private final JsonNode body;

	private CommandFields(String command, JsonNode body) {
		this.command = command;
		this.body = body;
	}

	static CommandFields of(String command, JsonNode body, Set<String> allowed) {
		Set<String> unknown = new TreeSet<>(body.propertyNames());
		unknown.remove("command");
		unknown.removeAll(allowed);
		if (!unknown.isEmpty()) {
			throw CommandException.invalid("'" + command + "' does not take " + unknown
					+ (allowed.isEmpty() ? "; it takes no fields" : "; it takes " + new TreeSet<>(allowed)));
		}
		return new CommandFields(command, body);
	}

	String requiredText(String name, Set<String> allowedValues) {
		JsonNode node = body.get(name);
		if (node == null || node.isNull()) {
			throw CommandException
				.invalid("'" + command + "' needs '" + name + "', one of " + new TreeSet<>(allowedValues));
		}
		if (!node.isString() || !allowedValues.contains(node.asString())) {
			throw CommandException.invalid("'" + name + "' must be one of " + new TreeSet<>(allowedValues));
		}
		return node.asString();
	}

	String optionalText(String name, Set<String> allowedValues, String otherwise) {
		JsonNode node = body.get(name);
		return node == null || node.isNull() ? otherwise : requiredText(name, allowedValues);
	}

	double requiredNumber(String name, double min, double max) {
		JsonNode node = body.get(name);
		if (node == null || node.isNull()) {
			throw CommandException
				.invalid("'" + command + "' needs '" + name + "', a number from " + min + " to " + max);
		}
		if (!node.isNumber() || !(node.asDouble() >= min && node.asDouble() <= max)) {
			throw CommandException.invalid("'" + name + "' must be a number from " + min + " to " + max);
		}
		return node.asDouble();
	}

	long requiredWholeNumber(String name, long min, long max) {
		JsonNode node = body.get(name);
		if (node == null || node.isNull()) {
			throw CommandException
				.invalid("'" + command + "' needs '" + name + "', a whole number from " + min + " to " + max);
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
			throw CommandException.invalid("'" + name + "' must be a whole number from " + min + " to " + max);
		}
		return node.asLong();
	}

}
