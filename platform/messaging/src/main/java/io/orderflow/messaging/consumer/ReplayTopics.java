package io.orderflow.messaging.consumer;

/**
 * One replay topic per consumed topic and consumer group, {@code <topic>.<group>.replay},
 * where an operator's replay of a dead letter goes. Not the source topic: a service may
 * write only the topics it publishes, so that one that consumes order events cannot forge
 * them (the broker's ACLs, {@code LeastPrivilegeAcls}); and only the group that gave up
 * on the record reads it again, not every group of the source topic.
 *
 * <p>
 * The group consumes its replay topic in the same listener as the source topic, with the
 * same handling: what it reads there is its source topic's records to every part of the
 * delivery machinery (trusted types, aggregate, dead-letter topic).
 */
public final class ReplayTopics {

	private static final String SUFFIX = ".replay";

	/**
	 * What a listener appends to a consumed topic to read its own group's replay topic
	 * too, the group resolved from the service's configuration:
	 * {@code @KafkaListener(topics = { OrderEvent.TOPIC, OrderEvent.TOPIC +
	 * ReplayTopics.OF_OWN_GROUP })}.
	 */
	public static final String OF_OWN_GROUP = ".${spring.kafka.consumer.group-id}" + SUFFIX;

	private ReplayTopics() {
	}

	public static String of(String topic, String consumerGroup) {
		return topic + "." + consumerGroup + SUFFIX;
	}

	/** Whether {@code topic} is the replay topic of some group on {@code source}. */
	public static boolean isReplayTopicOf(String topic, String source) {
		return topic.startsWith(source + ".") && topic.endsWith(SUFFIX)
				&& topic.length() > source.length() + 1 + SUFFIX.length();
	}

	/**
	 * The topic whose records the group reads on {@code topic}: the source topic when it
	 * is the group's replay topic, else {@code topic} itself.
	 */
	public static String sourceOf(String topic, String consumerGroup) {
		String suffix = "." + consumerGroup + SUFFIX;
		return topic.endsWith(suffix) && topic.length() > suffix.length()
				? topic.substring(0, topic.length() - suffix.length()) : topic;
	}

}
