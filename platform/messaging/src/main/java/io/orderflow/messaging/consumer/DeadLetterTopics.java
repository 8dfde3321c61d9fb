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

}
