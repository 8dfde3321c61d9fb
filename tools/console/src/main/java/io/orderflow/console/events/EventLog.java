package io.orderflow.console.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent records of each topic, for the page's event stream. Bounded per topic
 * and in topics. Thread-safe.
 */
public final class EventLog {

	public static final int PER_TOPIC = 100;

	/** The event topics, their dead-letter topics, and room for a few more. */
	static final int MAX_TOPICS = 20;

	private final Map<String, Deque<ObservedEvent>> byTopic = new LinkedHashMap<>();

	public synchronized void add(ObservedEvent event) {
		Deque<ObservedEvent> events = byTopic.get(event.topic());
		if (events == null) {
			if (byTopic.size() >= MAX_TOPICS) {
				return;
			}
			events = new ArrayDeque<>();
			byTopic.put(event.topic(), events);
		}
		events.addLast(event);
		if (events.size() > PER_TOPIC) {
			events.removeFirst();
		}
	}

	/**
	 * Records read after {@code sequence}, oldest first, at most the newest {@code max}.
	 */
	public synchronized List<ObservedEvent> after(long sequence, int max) {
		List<ObservedEvent> newer = new ArrayList<>();
		byTopic.values().forEach(events -> events.forEach(event -> {
			if (event.sequence() > sequence) {
				newer.add(event);
			}
		}));
		newer.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
		return newer.subList(Math.max(0, newer.size() - max), newer.size());
	}

	/** The newest {@code perTopic} records of each topic, oldest first. */
	public synchronized List<ObservedEvent> recent(int perTopic) {
		List<ObservedEvent> recent = new ArrayList<>();
		byTopic.values().forEach(events -> {
			List<ObservedEvent> list = new ArrayList<>(events);
			recent.addAll(list.subList(Math.max(0, list.size() - perTopic), list.size()));
		});
		recent.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
		return recent;
	}

}
