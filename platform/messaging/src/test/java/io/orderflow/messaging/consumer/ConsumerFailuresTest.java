package io.orderflow.messaging.consumer;

import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit test of how failures are told apart and explained in dead letters. */
class ConsumerFailuresTest {

	@Test
	void aDeserialiserRefusalIsExplainedInItsOwnWords() {
		var refusal = new DeserializationException("failed to deserialize", new byte[0], false,
				new SerializationException("Unknown event type 'x' on orderflow.payment.events"));

		assertThat(ConsumerFailures.reason(refusal)).isEqualTo("Unknown event type 'x' on orderflow.payment.events");
	}

	@Test
	void aPoisonVerdictIsExplainedInItsOwnWordsNotByItsCause() {
		var failure = new ListenerExecutionFailedException("Listener method threw", new PoisonEventException(
				"Payment event 1 is about an unknown order 2", new IllegalStateException("No order 2")));

		assertThat(ConsumerFailures.reason(failure)).isEqualTo("Payment event 1 is about an unknown order 2");
	}

	@Test
	void anythingElseIsExplainedByItsInnermostCause() {
		var failure = new ListenerExecutionFailedException("Listener method threw",
				new IllegalStateException("wrapped", new ArithmeticException("/ by zero")));

		assertThat(ConsumerFailures.reason(failure)).isEqualTo("/ by zero");
	}

	@Test
	void theAttemptCountIsTheDeliveryAttemptTheContainerStampedAndOneWithoutIt() {
		var retried = new ConsumerRecord<String, String>("t", 0, 0L, "k", "v");
		retried.headers().add("kafka_deliveryAttempt", ByteBuffer.allocate(4).putInt(4).array());
		var poison = new ConsumerRecord<String, String>("t", 0, 1L, "k", "v");

		assertThat(attemptsHeader(retried)).isEqualTo("4");
		assertThat(attemptsHeader(poison)).isEqualTo("1");
	}

	private static String attemptsHeader(ConsumerRecord<?, ?> record) {
		var headers = ConsumerFailures.deadLetterHeaders(record, new IllegalStateException("x"));
		return new String(headers.lastHeader(ConsumerFailures.ATTEMPTS_HEADER).value(), StandardCharsets.UTF_8);
	}

	@Test
	void aDependencyOutageAnywhereInTheChainIsNotPoison() {
		var outage = new ListenerExecutionFailedException("Listener method threw",
				new DependencyUnavailableException("provider down", new ConnectException("refused")));

		assertThat(ConsumerFailures.isDependencyUnavailable(outage)).isTrue();
		assertThat(ConsumerFailures.isDependencyUnavailable(new IllegalStateException("bug"))).isFalse();
	}

	@Test
	void anUnreachableDatabaseIsAnOutageButABrokenStatementIsNot() {
		var poolTimeout = new ListenerExecutionFailedException("Listener method threw",
				new CannotCreateTransactionException("Could not open JDBC Connection",
						new SQLTransientConnectionException(
								"Connection is not available, request timed out after 3000ms")));
		var refused = new DataAccessResourceFailureException("x", new SQLException("Connection refused", "08001"));
		var shuttingDown = new DataAccessResourceFailureException("x",
				new SQLException("terminating connection due to administrator command", "57P01"));
		var badSql = new BadSqlGrammarException("insert", "insert into nowhere", new SQLException("no table", "42P01"));

		assertThat(ConsumerFailures.isDependencyUnavailable(poolTimeout)).isTrue();
		assertThat(ConsumerFailures.isDependencyUnavailable(refused)).isTrue();
		assertThat(ConsumerFailures.isDependencyUnavailable(shuttingDown)).isTrue();
		assertThat(ConsumerFailures.isDependencyUnavailable(badSql)).isFalse();
	}

	@Test
	void onlyTheServicesOwnDatabaseUnreachableMakesTheInstanceStepAside() {
		var refused = new ListenerExecutionFailedException("Listener method threw",
				new DataAccessResourceFailureException("x", new SQLException("Connection refused", "08001")));
		var providerDown = new ListenerExecutionFailedException("Listener method threw",
				new DependencyUnavailableException("provider down", new ConnectException("refused")));
		var badSql = new BadSqlGrammarException("insert", "insert into nowhere", new SQLException("no table", "42P01"));

		assertThat(ConsumerFailures.isCausedByUnreachableDatabase(refused)).isTrue();
		assertThat(ConsumerFailures.isCausedByUnreachableDatabase(providerDown))
			.as("every instance shares the provider: stepping aside would help none")
			.isFalse();
		assertThat(ConsumerFailures.isCausedByUnreachableDatabase(badSql)).isFalse();
	}

}
