package io.orderflow.localstack;

import io.orderflow.localstack.ConsoleCommands.InstanceWord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which instance or Kafka node a word at the terminal names: {@code kill payment},
 * {@code pause payment-2}, {@code stop kafka-2}.
 */
class ConsoleCommandsTest {

	@Test
	void aServiceWithoutNumberIsItsFirstInstance() {
		assertThat(InstanceWord.parse("payment")).contains(new InstanceWord(OrderflowService.PAYMENT, 1));
		assertThat(InstanceWord.parse("payment-service")).contains(new InstanceWord(OrderflowService.PAYMENT, 1));
	}

	@Test
	void aNumberNamesTheInstanceCountingFromOne() {
		assertThat(InstanceWord.parse("payment-2")).contains(new InstanceWord(OrderflowService.PAYMENT, 2));
		assertThat(InstanceWord.parse("notification-service-3"))
			.contains(new InstanceWord(OrderflowService.NOTIFICATION, 3));
	}

	@Test
	void namesNothingForAnUnknownServiceOrInstanceZero() {
		assertThat(InstanceWord.parse("billing")).isEmpty();
		assertThat(InstanceWord.parse("payment-0")).isEmpty();
	}

	@Test
	void kafkaIsTheBrokerOrTheFirstNodeAndANumberNamesANodeOfTheCluster() {
		assertThat(ConsoleCommands.kafkaNodeNumber("kafka", 1)).contains(1);
		assertThat(ConsoleCommands.kafkaNodeNumber("kafka", 3)).contains(1);
		assertThat(ConsoleCommands.kafkaNodeNumber("kafka-3", 3)).contains(3);
		assertThat(ConsoleCommands.kafkaNodeNumber("kafka-2", 1)).as("one broker has no second node").isEmpty();
		assertThat(ConsoleCommands.kafkaNodeNumber("kafka-0", 3)).isEmpty();
		assertThat(ConsoleCommands.kafkaNodeNumber("payment-2", 3)).isEmpty();
	}

}
