/**
 * The events payment-service publishes (the
 * {@link io.orderflow.events.payment.PaymentEvent} family), owned by payment-service.
 * {@code @NullMarked} is repeated here because a package annotation does not reach
 * sub-packages: every record component is non-null on the wire unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.orderflow.events.payment;

import org.jspecify.annotations.NullMarked;
