package io.orderflow.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stable wire names of one producer's event family.
 *
 * <p>Consumers resolve the CloudEvents {@code type} header through this catalog and nothing else: the Java
 * class name never travels, and only the types listed here are trusted when deserialising.
 *
 * @param <E> the producer's sealed event family
 */
public final class EventCatalog<E extends IntegrationEvent> {

	private final Class<E> family;

	private final String topic;

	private final String source;

	private final Map<String, Class<? extends E>> classByType = new LinkedHashMap<>();

	private final Map<Class<?>, String> typeByClass = new LinkedHashMap<>();

	private EventCatalog(Class<E> family, String topic, String source) {
		this.family = family;
		this.topic = topic;
		this.source = source;
	}

	public static <E extends IntegrationEvent> EventCatalog<E> of(Class<E> family, String topic, String source) {
		return new EventCatalog<>(family, topic, source);
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
