/**
 * The events order-service publishes (the {@link io.orderflow.events.order.OrderEvent}
 * family), owned by order-service. {@code @NullMarked} is repeated here because a package
 * annotation does not reach sub-packages: every record component is non-null on the wire
 * unless annotated {@code @Nullable}.
 */
@NullMarked
package io.orderflow.events.order;

import org.jspecify.annotations.NullMarked;
