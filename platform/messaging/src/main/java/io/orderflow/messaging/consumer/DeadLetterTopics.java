package io.orderflow.messaging.consumer;

/**
 * One dead-letter topic per consumed topic and consumer group, so each service can
 * inspect and replay its own failures without touching another's:
 * {@code <topic>.<group>.dlt}.
 */
public final class DeadLetterTopics {

	private DeadLetterTopics() {
	}

	public static String of(String topic, String consumerGroup) {
		return topic + "." + consumerGroup + ".dlt";
	}

	/**
	 * Where the group dead-letters a record it read from {@code topic}: the dead-letter
	 * topic of the source topic, also for a record read from the group's replay topic
	 * ({@link ReplayTopics}). A replayed record that fails again is a dead letter of its
	 * source topic as it was the first time, listed and replayed the same way.
	 */
	public static String ofRecordFrom(String topic, String consumerGroup) {
		return of(ReplayTopics.sourceOf(topic, consumerGroup), consumerGroup);
	}

}
