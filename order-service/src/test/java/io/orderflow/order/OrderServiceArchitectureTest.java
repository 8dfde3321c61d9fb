package io.orderflow.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.messaging.outbox.Outbox;
import io.orderflow.order.orders.IllegalOrderTransitionException;
import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderLine;
import io.orderflow.order.orders.OrderNotFoundException;
import io.orderflow.order.orders.OrderStatus;
import io.orderflow.order.orders.PlaceOrder;
import io.orderflow.order.orders.StatusChange;
import org.apache.kafka.clients.producer.Producer;

import org.springframework.kafka.core.KafkaOperations;

/** Architecture rules of order-service, checked on its production classes. */
@AnalyzeClasses(packages = "io.orderflow.order", importOptions = ImportOption.DoNotIncludeTests.class)
class OrderServiceArchitectureTest {

	private static final String DOMAIN = "io.orderflow.order.orders";

	@ArchTest
	static final ArchRule orderServiceDoesNotDependOnOtherServices = noClasses().that()
		.resideInAPackage("io.orderflow.order..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.orderflow.payment..", "io.orderflow.notification..", "io.orderflow.provider..",
				"io.orderflow.localstack..", "io.orderflow.testsupport..")
		.because("services talk through events in shared-events only, never through each other's code");

	@ArchTest
	static final ArchRule orderServiceOnlyConsumesPaymentEvents = noClasses().that()
		.resideInAPackage("io.orderflow.order..")
		.should()
		.callConstructorWhere(DescribedPredicate.describe("the target is a payment event",
				(JavaConstructorCall call) -> call.getTargetOwner().getPackageName().startsWith("io.orderflow.events.payment")))
		.because("payment events are facts owned by payment-service; order-service only consumes them");

	@ArchTest
	static final ArchRule domainDoesNotDependOnAdaptersOrTechnicalFrameworks = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..web..", "..persistence..", "io.orderflow.order..messaging..", "org.springframework.web..",
				"org.springframework.jdbc..", "org.springframework.kafka..", "org.apache.kafka..", "jakarta.servlet..",
				"tools.jackson..")
		.because("the domain (io.orderflow.order.orders, top package) knows nothing of HTTP, SQL or Kafka;"
				+ " adapters depend on it, not the other way round");

	/**
	 * The one deliberate link from the domain to platform/messaging: the use cases stage events in the transactional
	 * outbox. Anything else of platform/messaging (inbox, poison, Kafka) belongs to the messaging adapter.
	 */
	@ArchTest
	static final ArchRule domainUsesMessagingSupportOnlyThroughTheOutbox = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat(DescribedPredicate.describe("platform/messaging classes other than Outbox",
				(JavaClass target) -> target.getPackageName().startsWith("io.orderflow.messaging")
						&& !target.isEquivalentTo(Outbox.class)))
		.because("events leave through the outbox; everything else about Kafka belongs to adapters");

	@ArchTest
	static final ArchRule orderAggregateAndValuesArePlainJava = classes().that()
		.belongToAnyOf(Order.class, OrderStatus.class, OrderLine.class, StatusChange.class, PlaceOrder.class,
				IllegalOrderTransitionException.class, OrderNotFoundException.class)
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", DOMAIN)
		.because("the state machine is plain Java, testable without any framework");

	@ArchTest
	static final ArchRule eventsLeaveThroughTheOutboxOnly = noClasses().that()
		.resideInAPackage("io.orderflow.order..")
		.should()
		.dependOnClassesThat()
		.areAssignableTo(KafkaOperations.class)
		.orShould()
		.dependOnClassesThat()
		.areAssignableTo(Producer.class)
		.because("state and events leave together through the outbox; never save then send (I4, I5)");

	@ArchTest
	static final ArchRule adaptersDoNotDependOnEachOther = slices().matching("io.orderflow.order.orders.(*)..")
		.should()
		.notDependOnEachOther()
		.because("web, persistence, messaging and expiry each depend on the domain only");

}
