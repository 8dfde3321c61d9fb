package io.orderflow.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.payment.payments.Payment;
import io.orderflow.payment.payments.PaymentProvider;
import io.orderflow.payment.payments.PaymentStatus;
import io.orderflow.testsupport.architecture.ServiceArchitectureRules;

/**
 * payment-service's boundaries, checked on its production classes: the rules every
 * service keeps.
 */
@AnalyzeClasses(packages = "io.orderflow.payment", importOptions = ImportOption.DoNotIncludeTests.class)
final class PaymentServiceArchitectureTest {

	private static final ServiceArchitectureRules rules = ServiceArchitectureRules.forService("io.orderflow.payment",
			"io.orderflow.payment.payments");

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
	static final ArchRule aggregateAndValuesArePlainJava = rules.arePlainJava(Payment.class, PaymentStatus.class,
			PaymentProvider.class);

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

	private PaymentServiceArchitectureTest() {
	}

}
