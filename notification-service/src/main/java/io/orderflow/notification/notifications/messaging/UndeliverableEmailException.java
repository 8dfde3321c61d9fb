package io.orderflow.notification.notifications.messaging;

import io.orderflow.messaging.consumer.PoisonEventException;

/**
 * Why an order event was dead-lettered although it was read and processed: the email it
 * asked for cannot be delivered. Poison like any other, so the dead letter's
 * {@code orderflow_dlt-reason} is this message.
 */
class UndeliverableEmailException extends PoisonEventException {

	UndeliverableEmailException(String reason) {
		super(reason);
	}

}
