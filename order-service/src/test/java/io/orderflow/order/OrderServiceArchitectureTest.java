package io.orderflow.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.order.orders.IllegalOrderTransitionException;
import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderDomainEvent;
import io.orderflow.order.orders.OrderLine;
import io.orderflow.order.orders.OrderNotFoundException;
import io.orderflow.order.orders.OrderStatus;
import io.orderflow.order.orders.PlaceOrder;
import io.orderflow.order.orders.StatusChange;
import io.orderflow.testsupport.architecture.ServiceArchitectureRules;

/**
 * order-service's boundaries, checked on its production classes: the rules every service
 * keeps.
 */
@AnalyzeClasses(packages = "io.orderflow.order", importOptions = ImportOption.DoNotIncludeTests.class)
final class OrderServiceArchitectureTest {

	private static final ServiceArchitectureRules rules = ServiceArchitectureRules.forService("io.orderflow.order",
			"io.orderflow.order.orders");

	@ArchTest
	static final ArchRule noDependencyOnOtherServicesOrTooling = rules.noDependencyOnOtherServicesOrTooling();

	@ArchTest
	static final ArchRule constructsOnlyItsOwnEvents = rules.constructsOnlyItsOwnEvents();

	@ArchTest
	static final ArchRule domainDependsOnNoAdapter = rules.domainDependsOnNoAdapter();

	@ArchTest
	static final ArchRule domainDependsOnNoTransportFramework = rules.domainDependsOnNoTransportFramework();

	@ArchTest
	static final ArchRule domainUsesMessagingSupportOnlyForTheOutboxAndConsumerFailures = rules
		.domainUsesMessagingSupportOnlyForTheOutboxAndConsumerFailures();

	@ArchTest
	static final ArchRule aggregateAndValuesArePlainJava = rules.arePlainJava(Order.class, OrderStatus.class,
			OrderDomainEvent.class, OrderLine.class, StatusChange.class, PlaceOrder.class,
			IllegalOrderTransitionException.class, OrderNotFoundException.class);

	@ArchTest
	static final ArchRule eventsLeaveThroughTheOutboxOnly = rules.eventsLeaveThroughTheOutboxOnly();

	@ArchTest
	static final ArchRule kafkaStaysInTheMessagingAdapter = rules.kafkaStaysInTheMessagingAdapter();

	@ArchTest
	static final ArchRule recordKeysStayInTheMessagingAdapter = rules.recordKeysStayInTheMessagingAdapter();

	@ArchTest
	static final ArchRule onlyListenerAdaptersTouchTheInbox = rules.onlyListenerAdaptersTouchTheInbox();

	@ArchTest
	static final ArchRule adaptersDoNotDependOnEachOther = rules.adaptersDoNotDependOnEachOther();

	private OrderServiceArchitectureTest() {
	}

}
