package io.orderflow.messaging.tracing;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.micrometer.common.KeyValue;
import io.orderflow.events.EventCatalog;

/**
 * Which aggregate the records of each topic a service touches are about, so its Kafka
 * spans and listener logs name that aggregate ({@link AggregateCorrelation}). A service
 * that consumes one family and publishes another (a shipment service reading order
 * events, say) tags each record with its own family's aggregate. A record on a topic of
 * no known family is not tagged.
 */
public final class AggregateCorrelations {

	private final Map<String, AggregateCorrelation> correlationByTopic;

	private AggregateCorrelations(Map<String, AggregateCorrelation> correlationByTopic) {
		this.correlationByTopic = correlationByTopic;
	}

	/**
	 * @param catalogByTopic the family whose records each topic carries; a dead-letter
	 * topic carries its consumed topic's records, keys unchanged
	 */
	public static AggregateCorrelations of(Map<String, ? extends EventCatalog<?>> catalogByTopic) {
		return new AggregateCorrelations(catalogByTopic.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
					entry -> AggregateCorrelation.of(entry.getValue()))));
	}

	/** The correlation of the aggregate the topic's records are about. */
	public Optional<AggregateCorrelation> forTopic(String topic) {
		return Optional.ofNullable(correlationByTopic.get(topic));
	}

	/**
	 * The span tag naming the aggregate a record is about; empty for a topic of no known
	 * family or a key that is no aggregate id.
	 */
	public Optional<KeyValue> spanTagOf(String topic, Object recordKey) {
		return forTopic(topic).flatMap(
				correlation -> AggregateCorrelation.idOf(recordKey).map(id -> KeyValue.of(correlation.spanTag(), id)));
	}

}
