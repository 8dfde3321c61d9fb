package io.orderflow.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.testsupport.architecture.ServiceArchitectureRules;

/**
 * notification-service's boundaries: its own code only, a transport-free domain, and it publishes no Kafka records.
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

	@ArchTest
	static final ArchRule nothingSendsToKafkaDirectly = rules.nothingSendsToKafkaDirectly(
			"a service's events leave only through the transactional outbox; this one publishes none yet");

}
