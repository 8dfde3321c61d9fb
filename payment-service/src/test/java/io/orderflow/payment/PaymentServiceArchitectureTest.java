package io.orderflow.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.testsupport.architecture.ServiceArchitectureRules;

/**
 * payment-service's boundaries: its own code only, a framework-free domain, events out only through the outbox. The
 * rules' shape is shared with the other consuming services ({@link ServiceArchitectureRules}).
 */
@AnalyzeClasses(packages = "io.orderflow.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentServiceArchitectureTest {

	private static final ServiceArchitectureRules rules = ServiceArchitectureRules.forService("io.orderflow.payment",
			"payment-service", "io.orderflow.payment.payments");

	@ArchTest
	static final ArchRule noDependencyOnOtherServices = rules.noDependencyOnOtherServices("io.orderflow.order",
			"io.orderflow.notification");

	@ArchTest
	static final ArchRule orderEventsAreOnlyRead = rules.orderEventsAreOnlyRead();

	@ArchTest
	static final ArchRule domainDependsOnNoAdapter = rules.domainDependsOnNoAdapter("web", "persistence", "messaging",
			"provider");

	@ArchTest
	static final ArchRule domainDependsOnNoTransportFramework = rules.domainDependsOnNoTransportFramework(
			"HTTP, SQL and Kafka belong in the web, persistence, provider and messaging adapters",
			"org.springframework.web..", "org.springframework.http..", "org.springframework.jdbc..",
			"org.springframework.kafka..", "org.apache.kafka..", "java.sql..");

	@ArchTest
	static final ArchRule adaptersDoNotDependOnEachOther = rules.adaptersDoNotDependOnEachOther();

	@ArchTest
	static final ArchRule nothingSendsToKafkaDirectly = rules
		.nothingSendsToKafkaDirectly("events leave only through the transactional outbox, never save-then-send");

}
