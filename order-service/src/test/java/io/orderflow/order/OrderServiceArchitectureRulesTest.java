package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the rules of {@link OrderServiceArchitectureTest} themselves: each one reports a class written to
 * break it, so a green architecture test means the rule was checked, not that it could never fail.
 */
class OrderServiceArchitectureRulesTest {

	private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("io.orderflow.order.archfixture",
			"io.orderflow.order.orders");

	@Test
	void directKafkaTemplateUseIsReported() {
		assertViolation(OrderServiceArchitectureTest.eventsLeaveThroughTheOutboxOnly, "SendsEventsDirectly");
	}

	@Test
	void constructingAPaymentEventIsReported() {
		assertViolation(OrderServiceArchitectureTest.orderServiceOnlyConsumesPaymentEvents, "ForgesPaymentEvents");
	}

	@Test
	void dependingOnAnotherModulesCodeIsReported() {
		assertViolation(OrderServiceArchitectureTest.orderServiceDoesNotDependOnOtherServices, "CallsPaymentService");
	}

	@Test
	void domainUsingJdbcIsReported() {
		assertViolation(OrderServiceArchitectureTest.domainDoesNotDependOnAdaptersOrTechnicalFrameworks,
				"ArchFixtureDomainUsingJdbc");
	}

	private static void assertViolation(ArchRule rule, String offender) {
		var result = rule.evaluate(FIXTURES);
		assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
		assertThat(result.getFailureReport().getDetails()).anySatisfy(detail -> assertThat(detail).contains(offender));
	}

}
