package io.orderflow.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code ./run-local.sh --instances N --brokers 3}: what it accepts, what it refuses with
 * a reason, and what the instances are called.
 */
class LocalStackMainTest {

	@Test
	void oneInstanceOfEachServiceAndOneBrokerWithoutArguments() {
		assertThat(LocalStackMain.shape()).isEqualTo(StackShape.ONE_OF_EACH);
	}

	@Test
	void takesTheCountsInEitherSpellingAndEitherOrder() {
		assertThat(LocalStackMain.shape("--instances", "2")).isEqualTo(new StackShape(2, 1));
		assertThat(LocalStackMain.shape("--instances=3")).isEqualTo(new StackShape(3, 1));
		assertThat(LocalStackMain.shape("--brokers", "3")).isEqualTo(new StackShape(1, 3));
		assertThat(LocalStackMain.shape("--brokers=3", "--instances", "2")).isEqualTo(new StackShape(2, 3));
	}

	@Test
	void refusesWhatItCannotRunWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.shape("--instances", "4"))
			.withMessageContaining("from 1 to 3");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.shape("--instances", "0"))
			.withMessageContaining("from 1 to 3");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.shape("--instances", "two"))
			.withMessageContaining("'two'");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.shape("--brokers", "2"))
			.withMessageContaining("--brokers takes 1 or 3, not '2'");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.shape("--instances"))
			.withMessageContaining("Unknown arguments");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.shape("--replicas", "3"))
			.withMessageContaining("Unknown arguments: --replicas 3");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.shape("--instances", "2", "--instances=3"))
			.withMessageContaining("--instances is given twice");
	}

	@Test
	void aShapeOutsideWhatTheStackRunsIsRefusedAlsoInCode() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StackShape(4, 1)).withMessageContaining("1 to 3");
		assertThatIllegalArgumentException().isThrownBy(() -> new StackShape(1, 2)).withMessageContaining("1 or 3");
		assertThatIllegalArgumentException().isThrownBy(() -> StackShape.ONE_OF_EACH.withIsolatedPayment())
			.withMessageContaining("needs a peer");
	}

	@Test
	void theFirstInstanceKeepsTheServicesNameAndTheOthersAreNumbered() {
		assertThat(LocalStack.instanceName(OrderflowService.PAYMENT, 0)).isEqualTo("payment-service");
		assertThat(LocalStack.instanceName(OrderflowService.PAYMENT, 1)).isEqualTo("payment-service-2");
	}

}
