package io.orderflow.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.kafka.core.KafkaOperations;

/** notification-service's boundaries: its own code only, a transport-free domain, and it publishes no Kafka records. */
@AnalyzeClasses(packages = "io.orderflow.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationServiceArchitectureTest {

	private static final String DOMAIN = "io.orderflow.notification.notifications";

	@ArchTest
	static final ArchRule noDependencyOnOtherServices = noClasses().that()
		.resideInAPackage("io.orderflow.notification..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.orderflow.order..", "io.orderflow.payment..")
		.because("services share contracts (shared-events), never code");

	@ArchTest
	static final ArchRule orderEventsAreOnlyRead = noClasses().that()
		.resideInAPackage("io.orderflow.notification..")
		.should()
		.callConstructorWhere(DescribedPredicate.describe("the constructor belongs to an order event",
				(JavaConstructorCall call) -> call.getTargetOwner().getPackageName().startsWith("io.orderflow.events.order")))
		.because("order-service owns the order events; notification-service only consumes them");

	@ArchTest
	static final ArchRule domainDependsOnNoAdapter = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(DOMAIN + ".web..", DOMAIN + ".persistence..", DOMAIN + ".messaging..", DOMAIN + ".mail..")
		.because("adapters depend on the domain, never the other way round");

	@ArchTest
	static final ArchRule domainDependsOnNoTransportFramework = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "org.springframework.jdbc..",
				"org.springframework.kafka..", "org.apache.kafka..", "org.springframework.mail..", "jakarta.mail..",
				"java.sql..")
		.because("HTTP, SQL, Kafka and SMTP belong in the web, persistence, messaging and mail adapters");

	@ArchTest
	static final ArchRule adaptersDoNotDependOnEachOther = slices().matching(DOMAIN + ".(*)..")
		.should()
		.notDependOnEachOther()
		.because("each adapter talks to the domain only");

	@ArchTest
	static final ArchRule nothingSendsToKafkaDirectly = noClasses().that()
		.resideInAPackage("io.orderflow.notification..")
		.should()
		.dependOnClassesThat()
		.areAssignableTo(KafkaOperations.class)
		.because("a service's events leave only through the transactional outbox; this one publishes none yet");

}
