package io.orderflow.messaging.consumer;

/** Told each time a record could not be dead-lettered ({@link BackingOffRecoverer}). */
@FunctionalInterface
public interface DeadLetteringFailureListener {

	/**
	 * @param deadLetterTopic the topic that did not take the record
	 */
	void failed(String deadLetterTopic);

}
