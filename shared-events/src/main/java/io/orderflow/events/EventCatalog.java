package io.orderflow.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stable wire names of one producer's event family.
 *
 * <p>
 * Consumers resolve the CloudEvents {@code type} header through this catalog and nothing
 * else: the Java class name never travels, and only the types listed here are trusted
 * when deserialising.
 *
 * <p>
 * A family is about one kind of aggregate, named here (both orderflow families are about
 * the {@code order}): every event's {@link IntegrationEvent#aggregateId()} is the id of
 * one such aggregate, and the messaging library derives from the name how traces and logs
 * call that id.
 *
 * @param <E> the producer's sealed event family
 */
public final class EventCatalog<E extends IntegrationEvent> {

	private static final Pattern AGGREGATE_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

	private final Class<E> family;

	private final String aggregate;

	private final String topic;

	private final String source;

	private final Map<String, Class<? extends E>> classByType = new LinkedHashMap<>();

	private final Map<Class<?>, String> typeByClass = new LinkedHashMap<>();

	private EventCatalog(Class<E> family, String aggregate, String topic, String source) {
		if (aggregate == null || !AGGREGATE_NAME.matcher(aggregate).matches()) {
			throw new IllegalArgumentException(
					"An aggregate's name is a lower camel case word, like order or shipment: " + aggregate);
		}
		this.family = family;
		this.aggregate = aggregate;
		this.topic = topic;
		this.source = source;
	}

	/**
	 * @param aggregate what every event of the family is about, a lower camel case word
	 * such as {@code order}
	 */
	public static <E extends IntegrationEvent> EventCatalog<E> of(Class<E> family, String aggregate, String topic,
			String source) {
		return new EventCatalog<>(family, aggregate, topic, source);
	}

	/** Registers a wire type name; every name and every class may appear once. */
	public EventCatalog<E> with(String type, Class<? extends E> eventClass) {
		Objects.requireNonNull(type, "type");
		if (classByType.putIfAbsent(type, eventClass) != null || typeByClass.putIfAbsent(eventClass, type) != null) {
			throw new IllegalArgumentException("Duplicate event type registration: " + type + " / " + eventClass);
		}
		return this;
	}

	public Class<E> family() {
		return family;
	}

	/** The kind of aggregate every event of this family is about, e.g. {@code order}. */
	public String aggregate() {
		return aggregate;
	}

	/** The one topic this producer publishes its family on. */
	public String topic() {
		return topic;
	}

	/** The CloudEvents {@code source} of every event in this family. */
	public String source() {
		return source;
	}

	public String typeOf(IntegrationEvent event) {
		String type = typeByClass.get(event.getClass());
		if (type == null) {
			throw new IllegalArgumentException("Not a registered " + family.getSimpleName() + ": " + event.getClass());
		}
		return type;
	}

	public Optional<Class<? extends E>> classOf(String type) {
		return Optional.ofNullable(classByType.get(type));
	}

	public Set<String> types() {
		return Set.copyOf(classByType.keySet());
	}

	public Map<String, Class<? extends E>> entries() {
		return Map.copyOf(classByType);
	}

}
