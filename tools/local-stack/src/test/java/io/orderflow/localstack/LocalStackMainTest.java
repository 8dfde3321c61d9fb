package io.orderflow.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code ./run-local.sh --instances N}: what it accepts, what it refuses with a reason,
 * and what the instances are called.
 */
class LocalStackMainTest {

	@Test
	void oneInstanceOfEachServiceWithoutArguments() {
		assertThat(LocalStackMain.instances()).isEqualTo(1);
	}

	@Test
	void takesTheCountInEitherSpelling() {
		assertThat(LocalStackMain.instances("--instances", "2")).isEqualTo(2);
		assertThat(LocalStackMain.instances("--instances=3")).isEqualTo(3);
	}

	@Test
	void refusesWhatItCannotRunWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.instances("--instances", "4"))
			.withMessageContaining("from 1 to 3");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.instances("--instances", "0"))
			.withMessageContaining("from 1 to 3");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.instances("--instances", "two"))
			.withMessageContaining("'two'");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.instances("--instances"))
			.withMessageContaining("Unknown arguments");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.instances("--brokers", "3"))
			.withMessageContaining("Unknown arguments: --brokers 3");
	}

	@Test
	void theFirstInstanceKeepsTheServicesNameAndTheOthersAreNumbered() {
		assertThat(LocalStack.instanceName(OrderflowService.PAYMENT, 0)).isEqualTo("payment-service");
		assertThat(LocalStack.instanceName(OrderflowService.PAYMENT, 1)).isEqualTo("payment-service-2");
	}

}
