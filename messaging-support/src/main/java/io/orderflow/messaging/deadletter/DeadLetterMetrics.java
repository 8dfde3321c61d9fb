package io.orderflow.messaging.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code orderflow.dead.letters{topic}}: the unresolved dead letters of each of the service's DLTs, that is the
 * records still in the topic (end offset minus start offset) minus those resolved. Computed from offsets and one
 * count query per partition, at most once per {@link #REFRESH} however often it is scraped, and again right after
 * a resolution.
 */
public class DeadLetterMetrics implements MeterBinder {

	public static final String NAME = "orderflow.dead.letters";

	static final Duration REFRESH = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

	private final DeadLetterStore store;

	private final DeadLetterResolutions resolutions;

	private Map<String, Double> unresolved = Map.of();

	private long refreshedAt;

	private boolean stale = true;

	public DeadLetterMetrics(DeadLetterStore store, DeadLetterResolutions resolutions) {
		this.store = store;
		this.resolutions = resolutions;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String topic : store.topics()) {
			Gauge.builder(NAME, this, metrics -> metrics.unresolved(topic))
				.tag("topic", topic)
				.description("Unresolved records in the dead-letter topic")
				.strongReference(true)
				.register(registry);
		}
	}

	/** The next reading recomputes. */
	public synchronized void invalidate() {
		stale = true;
	}

	synchronized double unresolved(String topic) {
		if (stale || System.nanoTime() - refreshedAt > REFRESH.toNanos()) {
			refreshedAt = System.nanoTime();
			stale = false;
			try {
				unresolved = compute();
			}
			catch (RuntimeException ex) {
				log.debug("Could not count dead letters, keeping the last values: {}", ex.toString());
			}
		}
		return unresolved.getOrDefault(topic, Double.NaN);
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
