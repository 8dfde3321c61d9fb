package io.orderflow.testsupport.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The producer side of a consumer's contracts, run in the consumer's own build. A
 * consumer's contract fixtures test implements this and states its
 * {@link ConsumerContract}; the {@code @Test} default methods run as that class's own
 * tests, on every fixture of its test classpath.
 */
public interface ConsumerContractTests {

	/** Who the consumer is and the wire types it depends on. */
	ConsumerContract consumerContract();

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.orderflow.testsupport.contracts.ContractFixture#all")
	default void theProducerStillPublishesWhatTheFixtureHolds(ContractFixture fixture) {
		consumerContract().assertProducerStillPublishes(fixture);
	}

	@Test
	default void everyConsumedTypeHasAFixture() {
		consumerContract().assertEveryConsumedTypeHasAFixture(ContractFixture.all());
	}

}
