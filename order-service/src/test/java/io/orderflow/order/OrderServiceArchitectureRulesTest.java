package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the shared rules ({@code ServiceArchitectureRules}) as
 * {@link OrderServiceArchitectureTest} builds them: each one reports a class written to
 * break it, so a green architecture test means the rule was checked, not that it could
 * never fail.
 */
class OrderServiceArchitectureRulesTest {

	private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("io.orderflow.order.archfixture",
			"io.orderflow.order.orders");

	@Test
	void claimingEventsInTheInboxOutsideAListenerAdapterIsReported() {
		assertViolation(OrderServiceArchitectureTest.onlyListenerAdaptersTouchTheInbox, "ClaimsEventsOutsideAListener");
	}

	@Test
	void theListenerAdapterClaimingEventsIsNotReported() {
		var result = OrderServiceArchitectureTest.onlyListenerAdaptersTouchTheInbox.evaluate(FIXTURES);
		assertThat(result.getFailureReport().getDetails())
			.noneSatisfy(detail -> assertThat(detail).contains("PaymentEventsListener"));
	}

	@Test
	void aRecordKeyInADomainSignatureIsReported() {
		assertViolation(OrderServiceArchitectureTest.recordKeysStayInTheMessagingAdapter, "TakesARecordKey");
	}

	@Test
	void aKafkaRecordOutsideTheMessagingAdapterIsReported() {
		assertViolation(OrderServiceArchitectureTest.kafkaStaysInTheMessagingAdapter, "ReadsKafkaRecords");
	}

	@Test
	void directKafkaTemplateUseIsReported() {
		assertViolation(OrderServiceArchitectureTest.eventsLeaveThroughTheOutboxOnly, "SendsEventsDirectly");
	}

	@Test
	void constructingAPaymentEventIsReported() {
		assertViolation(OrderServiceArchitectureTest.constructsOnlyItsOwnEvents, "ForgesPaymentEvents");
	}

	@Test
	void dependingOnAnotherModulesCodeIsReported() {
		assertViolation(OrderServiceArchitectureTest.noDependencyOnOtherServicesOrTooling, "CallsPaymentService");
	}

	@Test
	void domainUsingJdbcIsReported() {
		assertViolation(OrderServiceArchitectureTest.domainDependsOnNoTransportFramework, "ArchFixtureDomainUsingJdbc");
	}

	private static void assertViolation(ArchRule rule, String offender) {
		var result = rule.evaluate(FIXTURES);
		assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
		assertThat(result.getFailureReport().getDetails()).anySatisfy(detail -> assertThat(detail).contains(offender));
	}

}
