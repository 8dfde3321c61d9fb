package io.orderflow.probes.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the samples of a few metric families from Prometheus' text exposition format,
 * which is all the console and the tests need from {@code /actuator/prometheus}.
 * Prometheus' Java client writes this format but does not read it, and a client library
 * would bring a registry for far more. Lines it cannot read are skipped: a metric the
 * reader does not understand must not hide the others.
 */
public final class PrometheusText {

	/**
	 * One sample.
	 *
	 * @param line the sample line as exposed ({@code name{labels} value}), for a message
	 * or a test that reads it whole
	 */
	public record Sample(String name, Map<String, String> labels, double value, String line) {
	}

	private PrometheusText() {
	}

	/** The samples of these metric families, in the order of the text. */
	public static List<Sample> samples(String text, Set<String> names) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isEmpty() || line.charAt(0) == '#') {
				continue;
			}
			int nameEnd = nameEnd(line);
			String name = line.substring(0, nameEnd);
			if (!names.contains(name)) {
				continue;
			}
			try {
				Map<String, String> labels = new LinkedHashMap<>();
				int valueStart = nameEnd;
				if (nameEnd < line.length() && line.charAt(nameEnd) == '{') {
					valueStart = labels(line, nameEnd + 1, labels);
				}
				String[] rest = line.substring(valueStart).trim().split("\\s+");
				samples.add(new Sample(name, labels, value(rest[0]), line));
			}
			catch (RuntimeException ex) {
				// not a sample line this parser understands
			}
		}
		return samples;
	}

	private static int nameEnd(String line) {
		int i = 0;
		while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
			i++;
		}
		return i;
	}

	/** Parses {@code a="x",b="y\"z"}; returns the index after the closing brace. */
	private static int labels(String line, int from, Map<String, String> labels) {
		int i = from;
		while (line.charAt(i) != '}') {
			int equals = line.indexOf('=', i);
			String name = line.substring(i, equals).trim();
			if (line.charAt(equals + 1) != '"') {
				throw new IllegalArgumentException("unquoted label value");
			}
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			for (; line.charAt(j) != '"'; j++) {
				char c = line.charAt(j);
				if (c == '\\') {
					char escaped = line.charAt(++j);
					value.append(escaped == 'n' ? '\n' : escaped);
				}
				else {
					value.append(c);
				}
			}
			labels.put(name, value.toString());
			i = j + 1;
			if (line.charAt(i) == ',') {
				i++;
			}
		}
		return i + 1;
	}

	private static double value(String text) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> Double.parseDouble(text);
		};
	}

}
