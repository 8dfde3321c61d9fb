package io.orderflow.messaging.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderflow.messaging.metrics.BackgroundReading;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code orderflow.dead.letters{topic}}: the unresolved dead letters of each of the
 * service's DLTs, that is the records still in the topic (end offset minus start offset)
 * minus those resolved. Computed from offsets and one count query per partition, at most
 * once per {@link #REFRESH} however often it is scraped, and again right after a
 * resolution.
 *
 * <p>
 * Computed in the background ({@link BackgroundReading}): a scrape waits for it at most
 * {@link BackgroundReading#DEFAULT_MAX_WAIT}. With the broker down, reading the offsets
 * takes until the reader's timeout; meanwhile every scrape answers at once with the last
 * counts.
 */
public class DeadLetterMetrics implements MeterBinder {

	public static final String NAME = "orderflow.dead.letters";

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final DeadLetterStore store;

	private final DeadLetterResolutions resolutions;

	private final BackgroundReading<Map<String, Double>> unresolved;

	public DeadLetterMetrics(DeadLetterStore store, DeadLetterResolutions resolutions) {
		this.store = store;
		this.resolutions = resolutions;
		this.unresolved = new BackgroundReading<>(NAME, this::compute, REFRESH);
	}

	/** Registers a gauge per dead-letter topic and starts the first count. */
	@Override
	public void bindTo(MeterRegistry registry) {
		for (String topic : store.topics()) {
			Gauge.builder(NAME, this, metrics -> metrics.unresolved(topic))
				.tag("topic", topic)
				.description("Unresolved records in the dead-letter topic")
				.strongReference(true)
				.register(registry);
		}
		unresolved.current();
	}

	/** The next reading recomputes. */
	public void invalidate() {
		unresolved.invalidate();
	}

	double unresolved(String topic) {
		BackgroundReading.Value<Map<String, Double>> counts = unresolved.current();
		return counts == null ? Double.NaN : counts.value().getOrDefault(topic, Double.NaN);
	}

	private Map<String, Double> compute() {
		Map<String, Double> counts = new HashMap<>();
		for (Map.Entry<TopicPartition, long[]> range : store.offsetRanges().entrySet()) {
			TopicPartition tp = range.getKey();
			long begin = range.getValue()[0];
			long end = range.getValue()[1];
			long resolved = end > begin ? resolutions.countInRange(tp.topic(), tp.partition(), begin, end) : 0;
			counts.merge(tp.topic(), (double) Math.max(0, end - begin - resolved), Double::sum);
		}
		return Map.copyOf(counts);
	}

}
