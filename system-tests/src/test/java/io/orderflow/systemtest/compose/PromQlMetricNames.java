package io.orderflow.systemtest.compose;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found by a small tokenizer rather than a
 * full parser. It removes, in this order, what can hold identifiers that are not metric
 * names:
 * <ol>
 * <li>Grafana variables ({@code $application}, {@code ${application}},
 * {@code $__rate_interval});</li>
 * <li>string literals (label values and regexes);</li>
 * <li>label matcher blocks {@code {...}} and range or subquery brackets
 * {@code [...]};</li>
 * <li>the label lists of {@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left} and {@code group_right};</li>
 * </ol>
 * and then takes every remaining identifier that is neither followed by {@code (} (a
 * function or an aggregation) nor a keyword ({@code and}, {@code or}, {@code unless},
 * {@code bool}, {@code offset}, ...). Numbers and durations start with a digit and are
 * never identifiers.
 * <p>
 * A selector by {@code __name__} would hide the metric from this tokenizer, so it is
 * refused. Grafana's {@code label_values(selector, label)} template query is read as its
 * selector.
 */
final class PromQlMetricNames {

	private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");

	private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");

	private static final Pattern LABEL_LIST = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2");

	private PromQlMetricNames() {
	}

	/** The metric names in a PromQL expression. */
	static Set<String> in(String expression) {
		if (expression.contains("__name__")) {
			throw new IllegalArgumentException("Select metrics by name, not by __name__: " + expression);
		}
		String text = GRAFANA_VARIABLE.matcher(expression).replaceAll(" ");
		text = STRING.matcher(text).replaceAll(" ");
		text = BRACES.matcher(text).replaceAll(" ");
		text = BRACKETS.matcher(text).replaceAll(" ");
		text = LABEL_LIST.matcher(text).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifier = IDENTIFIER.matcher(text);
		while (identifier.find()) {
			String name = identifier.group();
			boolean call = text.substring(identifier.end()).stripLeading().startsWith("(");
			boolean partOfNumber = identifier.start() > 0 && Character.isDigit(text.charAt(identifier.start() - 1));
			if (!call && !partOfNumber && !KEYWORDS.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * The metric names in a Grafana template variable's query ({@code label_values(...)}
	 * or plain PromQL).
	 */
	static Set<String> inTemplateQuery(String query) {
		Matcher labelValues = LABEL_VALUES.matcher(query);
		if (labelValues.matches()) {
			return in(labelValues.group(1));
		}
		if (query.strip().matches("label_values\\(\\s*\\w+\\s*\\)|label_names\\(\\s*\\)")) {
			return Set.of();
		}
		return in(query);
	}

}
