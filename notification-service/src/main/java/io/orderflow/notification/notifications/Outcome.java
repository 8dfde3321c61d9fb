package io.orderflow.notification.notifications;

/** The outcomes of an order a customer is told about, each at most once. */
public enum Outcome {

	CONFIRMED, REJECTED, CANCELLED, EXPIRED

}
