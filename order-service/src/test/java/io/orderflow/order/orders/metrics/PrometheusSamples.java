package io.orderflow.order.orders.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one scrape in the Prometheus text format, to assert on values rather
 * than on text.
 */
record PrometheusSamples(List<Sample> samples) {

	private static final Pattern SAMPLE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	static PrometheusSamples parse(String exposition) {
		List<Sample> samples = new ArrayList<>();
		for (String line : exposition.split("\n")) {
			Matcher sample = SAMPLE.matcher(line.strip());
			if (line.startsWith("#") || !sample.matches()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(sample.group(1), labels, value(sample.group(3))));
		}
		return new PrometheusSamples(List.copyOf(samples));
	}

	private static double value(String text) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(text);
		};
	}

	/**
	 * Every sample of the metric whose labels include the given ones
	 * ({@code name, value, name, value, ...}).
	 */
	List<Sample> of(String name, String... labels) {
		return samples.stream().filter(sample -> sample.name().equals(name) && sample.has(labels)).toList();
	}

	/**
	 * The sum of the matching samples, 0 when there is none (a counter not incremented
	 * yet).
	 */
	double sum(String name, String... labels) {
		return of(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	record Sample(String name, Map<String, String> labels, double value) {

		boolean has(String... nameValuePairs) {
			for (int i = 0; i < nameValuePairs.length; i += 2) {
				if (!nameValuePairs[i + 1].equals(labels.get(nameValuePairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
