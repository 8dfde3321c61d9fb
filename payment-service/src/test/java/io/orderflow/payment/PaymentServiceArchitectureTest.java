package io.orderflow.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.kafka.core.KafkaOperations;

/** payment-service's boundaries: its own code only, a framework-free domain, events out only through the outbox. */
@AnalyzeClasses(packages = "io.orderflow.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentServiceArchitectureTest {

	private static final String DOMAIN = "io.orderflow.payment.payments";

	@ArchTest
	static final ArchRule noDependencyOnOtherServices = noClasses().that()
		.resideInAPackage("io.orderflow.payment..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.orderflow.order..", "io.orderflow.notification..")
		.because("services share contracts (shared-events), never code");

	@ArchTest
	static final ArchRule orderEventsAreOnlyRead = noClasses().that()
		.resideInAPackage("io.orderflow.payment..")
		.should()
		.callConstructorWhere(DescribedPredicate.describe("the constructor belongs to an order event",
				(JavaConstructorCall call) -> call.getTargetOwner().getPackageName().startsWith("io.orderflow.events.order")))
		.because("order-service owns the order events; payment-service only consumes them");

	@ArchTest
	static final ArchRule domainDependsOnNoAdapter = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(DOMAIN + ".web..", DOMAIN + ".persistence..", DOMAIN + ".messaging..",
				DOMAIN + ".provider..")
		.because("adapters depend on the domain, never the other way round");

	@ArchTest
	static final ArchRule domainDependsOnNoTransportFramework = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "org.springframework.jdbc..",
				"org.springframework.kafka..", "org.apache.kafka..", "java.sql..")
		.because("HTTP, SQL and Kafka belong in the web, persistence, provider and messaging adapters");

	@ArchTest
	static final ArchRule adaptersDoNotDependOnEachOther = slices().matching(DOMAIN + ".(*)..")
		.should()
		.notDependOnEachOther()
		.because("each adapter talks to the domain only");

	@ArchTest
	static final ArchRule nothingSendsToKafkaDirectly = noClasses().that()
		.resideInAPackage("io.orderflow.payment..")
		.should()
		.dependOnClassesThat()
		.areAssignableTo(KafkaOperations.class)
		.because("events leave only through the transactional outbox, never save-then-send");

}
