package io.orderflow.messaging.consumer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;

/**
 * The event families a service consumes, declared once as a bean. It decides which topics
 * the service reads (and declares dead-letter and replay topics for) and which wire types
 * it trusts when deserialising: nothing else is ever instantiated from a record. A replay
 * topic ({@link ReplayTopics}) carries its source topic's family.
 */
public final class ConsumedEvents {

	private final Map<String, EventCatalog<?>> catalogByTopic;

	private ConsumedEvents(List<EventCatalog<?>> catalogs) {
		this.catalogByTopic = catalogs.stream()
			.collect(Collectors.toUnmodifiableMap(EventCatalog::topic, Function.identity()));
	}

	public static ConsumedEvents of(EventCatalog<?>... catalogs) {
		return new ConsumedEvents(List.of(catalogs));
	}

	/**
	 * The family of a consumed topic, or of a replay topic of one; empty for any other
	 * topic.
	 */
	public Optional<EventCatalog<?>> catalogFor(String topic) {
		EventCatalog<?> catalog = catalogByTopic.get(topic);
		if (catalog != null) {
			return Optional.of(catalog);
		}
		return catalogByTopic.values()
			.stream()
			.filter(candidate -> ReplayTopics.isReplayTopicOf(topic, candidate.topic()))
			.findFirst();
	}

	public List<String> topics() {
		return catalogByTopic.keySet().stream().sorted().toList();
	}

	public String typeOf(IntegrationEvent event) {
		return catalogByTopic.values()
			.stream()
			.filter(catalog -> catalog.family().isInstance(event))
			.findFirst()
			.map(catalog -> catalog.typeOf(event))
			.orElseThrow(() -> new IllegalArgumentException("Not a consumed event: " + event.getClass()));
	}

}
