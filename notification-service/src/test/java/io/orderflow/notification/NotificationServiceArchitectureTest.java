package io.orderflow.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.testsupport.architecture.ServiceArchitectureRules;

import org.springframework.kafka.core.KafkaOperations;

/**
 * notification-service's boundaries: its own code only, a transport-free domain, and it publishes no Kafka records but
 * the dead letters of events it consumed.
 * The rules' shape is shared with the other consuming services ({@link ServiceArchitectureRules}).
 */
@AnalyzeClasses(packages = "io.orderflow.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationServiceArchitectureTest {

	private static final ServiceArchitectureRules rules = ServiceArchitectureRules.forService(
			"io.orderflow.notification", "notification-service", "io.orderflow.notification.notifications");

	@ArchTest
	static final ArchRule noDependencyOnOtherServices = rules.noDependencyOnOtherServices("io.orderflow.order",
			"io.orderflow.payment");

	@ArchTest
	static final ArchRule orderEventsAreOnlyRead = rules.orderEventsAreOnlyRead();

	@ArchTest
	static final ArchRule domainDependsOnNoAdapter = rules.domainDependsOnNoAdapter("web", "persistence", "messaging",
			"mail");

	@ArchTest
	static final ArchRule domainDependsOnNoTransportFramework = rules.domainDependsOnNoTransportFramework(
			"HTTP, SQL, Kafka and SMTP belong in the web, persistence, messaging and mail adapters",
			"org.springframework.web..", "org.springframework.http..", "org.springframework.jdbc..",
			"org.springframework.kafka..", "org.apache.kafka..", "org.springframework.mail..", "jakarta.mail..",
			"java.sql..");

	@ArchTest
	static final ArchRule adaptersDoNotDependOnEachOther = rules.adaptersDoNotDependOnEachOther();

	/**
	 * The one exception is the dead-lettering of the event behind an email that cannot be delivered, which hands back
	 * a consumed record to the service's own dead-letter topic as the consumer's error handler does.
	 */
	@ArchTest
	static final ArchRule nothingButDeadLetteringSendsToKafka = noClasses().that()
		.resideInAPackage("io.orderflow.notification..")
		.and()
		.doNotHaveFullyQualifiedName("io.orderflow.notification.notifications.messaging.EmailDeadLetters")
		.should()
		.dependOnClassesThat()
		.areAssignableTo(KafkaOperations.class)
		.because("a service's events leave only through the transactional outbox, and this one publishes none of its "
				+ "own: it only dead-letters events it consumed");

}
