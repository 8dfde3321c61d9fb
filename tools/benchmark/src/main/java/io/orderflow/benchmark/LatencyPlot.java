package io.orderflow.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Latency percentiles against achieved throughput, one point per step, as a hand-written
 * SVG: a logarithmic latency axis, because the percentiles of one step span orders of
 * magnitude.
 */
final class LatencyPlot {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 460;

	private static final int LEFT = 70;

	private static final int RIGHT = 170;

	private static final int TOP = 40;

	private static final int BOTTOM = 60;

	private record Series(String name, String color, ToDoubleFunction<StepResult> value) {
	}

	private static final List<Series> SERIES = List.of(
			new Series("placed→terminal p50", "#1b7837", step -> step.placedToTerminal().p50()),
			new Series("placed→terminal p99", "#d95f02", step -> step.placedToTerminal().p99()),
			new Series("placed→terminal p99.9", "#b2182b", step -> step.placedToTerminal().p999()),
			new Series("POST p50", "#4393c3", step -> step.post().p50()),
			new Series("POST p99", "#2166ac", step -> step.post().p99()));

	private LatencyPlot() {
	}

	static String svg(List<StepResult> steps) {
		double maxX = Math.max(1, steps.stream().mapToDouble(StepResult::achievedRate).max().orElse(1)) * 1.1;
		double minY = 1;
		double maxY = 10;
		for (StepResult step : steps) {
			for (Series series : SERIES) {
				double v = series.value().applyAsDouble(step);
				if (v > 0 && !Double.isNaN(v)) {
					maxY = Math.max(maxY, v);
					minY = Math.min(minY, v);
				}
			}
		}
		double lowDecade = Math.pow(10, Math.floor(Math.log10(minY)));
		double highDecade = Math.pow(10, Math.ceil(Math.log10(maxY)));
		StringBuilder svg = new StringBuilder();
		svg.append(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
					.formatted(WIDTH, HEIGHT));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		svg.append(
				"<text x=\"%d\" y=\"22\" font-size=\"15\">orderflow: latency percentiles vs achieved throughput</text>%n"
					.formatted(LEFT));
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = HEIGHT - TOP - BOTTOM;
		svg.append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "#000"));
		svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "#000"));
		for (double decade = lowDecade; decade <= highDecade * 1.0001; decade *= 10) {
			double y = y(decade, lowDecade, highDecade, plotHeight);
			svg.append(line(LEFT, y, LEFT + plotWidth, y, "#ddd"));
			svg.append(text(LEFT - 8, y + 4, "end", format(decade) + " ms"));
		}
		for (int i = 0; i <= 5; i++) {
			double rate = maxX * i / 5;
			double x = LEFT + plotWidth * i / 5.0;
			svg.append(line(x, TOP + plotHeight, x, TOP + plotHeight + 5, "#000"));
			svg.append(text(x, TOP + plotHeight + 20, "middle", format(rate)));
		}
		svg.append(text(LEFT + plotWidth / 2.0, HEIGHT - 15, "middle", "achieved throughput (orders/s)"));
		svg.append(
				"<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">latency (ms, log scale)</text>%n"
					.formatted(TOP + plotHeight / 2));
		int legendY = TOP + 10;
		for (Series series : SERIES) {
			StringBuilder points = new StringBuilder();
			for (StepResult step : steps) {
				double v = series.value().applyAsDouble(step);
				if (v > 0 && !Double.isNaN(v)) {
					double x = LEFT + plotWidth * step.achievedRate() / maxX;
					double y = y(v, lowDecade, highDecade, plotHeight);
					points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
					svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x,
							y, series.color()));
				}
			}
			svg.append("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n"
				.formatted(series.color(), points.toString().trim()));
			svg.append(line(LEFT + plotWidth + 15, legendY, LEFT + plotWidth + 35, legendY, series.color()));
			svg.append(text(LEFT + plotWidth + 40, legendY + 4, "start", series.name()));
			legendY += 18;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static double y(double value, double low, double high, int plotHeight) {
		double share = (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
		return TOP + plotHeight * (1 - share);
	}

	private static String line(double x1, double y1, double x2, double y2, String color) {
		return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", x1,
				y1, x2, y2, color);
	}

	private static String text(double x, double y, String anchor, String content) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
				content);
	}

	private static String format(double value) {
		return value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value);
	}

}
