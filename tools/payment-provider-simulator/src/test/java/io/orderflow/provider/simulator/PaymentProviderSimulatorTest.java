package io.orderflow.provider.simulator;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Lifecycle of the embedded simulator, and how the standalone launcher picks its port.
 */
class PaymentProviderSimulatorTest {

	@Test
	void portZeroListensOnAFreePortAndCloseStopsListening() {
		URI base;
		try (PaymentProviderSimulator simulator = PaymentProviderSimulator
			.start(new InetSocketAddress("127.0.0.1", 0))) {
			assertThat(simulator.port()).isPositive();
			base = simulator.baseUri();
			assertThat(base).isEqualTo(URI.create("http://127.0.0.1:" + simulator.port()));
			assertThat(SimulatorClient.withoutApiKey(base).get("/health").status()).isEqualTo(200);
			simulator.close();
			simulator.close();
		}

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> SimulatorClient.withoutApiKey(base).get("/health"));
	}

	@Test
	void aTakenPortIsReportedClearly() {
		try (PaymentProviderSimulator first = PaymentProviderSimulator.start(new InetSocketAddress("127.0.0.1", 0))) {
			InetSocketAddress taken = new InetSocketAddress("127.0.0.1", first.port());

			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> PaymentProviderSimulator.start(taken))
				.withMessageContaining("cannot listen on");
		}
	}

	@Test
	void withoutAKeyItGeneratesAStripeShapedOne() {
		try (PaymentProviderSimulator simulator = PaymentProviderSimulator.start(new InetSocketAddress("127.0.0.1", 0));
				PaymentProviderSimulator other = PaymentProviderSimulator
					.start(new InetSocketAddress("127.0.0.1", 0))) {
			assertThat(simulator.apiKey()).matches("sk_test_[A-Za-z0-9]{24}");
			assertThat(other.apiKey()).isNotEqualTo(simulator.apiKey());
		}
	}

	@Test
	void aGivenKeyIsTheOneItAccepts() {
		try (PaymentProviderSimulator simulator = PaymentProviderSimulator.start(new InetSocketAddress("127.0.0.1", 0),
				"sk_test_given")) {
			assertThat(simulator.apiKey()).isEqualTo("sk_test_given");
			assertThat(SimulatorClient.withApiKey(simulator.baseUri(), "sk_test_given")
				.charge("k", "1.00", "pm_card_visa", "r")
				.status()).isEqualTo(201);
		}
	}

	@Test
	void aBlankKeyIsRefused() {
		InetSocketAddress anyPort = new InetSocketAddress("127.0.0.1", 0);

		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.start(anyPort, " "))
			.withMessageContaining("must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.start(anyPort, null));
	}

	@Test
	void standaloneItRefusesToStartWithoutTheApiKeyVariable() {
		assertThat(PaymentProviderSimulator.apiKey("sk_live_like")).isEqualTo("sk_live_like");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.apiKey(null))
			.withMessageContaining("env API_KEY is required");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.apiKey(""))
			.withMessageContaining("env API_KEY is required");
	}

	@Test
	void standaloneTheInitialRateLimitComesFromItsVariable() {
		assertThat(PaymentProviderSimulator.rateLimitPerSecond(null)).isZero();
		assertThat(PaymentProviderSimulator.rateLimitPerSecond(" ")).isZero();
		assertThat(PaymentProviderSimulator.rateLimitPerSecond("25")).isEqualTo(25);
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.rateLimitPerSecond("fast"))
			.withMessageContaining("RATE_LIMIT_PER_SECOND must be a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.rateLimitPerSecond("-1"))
			.withMessageContaining("'rateLimitPerSecond' must be between 0");
	}

	@Test
	void portComesFromTheArgumentThenThePortVariableThenTheDefault() {
		assertThat(PaymentProviderSimulator.port(new String[] { "9001" }, "9002")).isEqualTo(9001);
		assertThat(PaymentProviderSimulator.port(new String[0], "9002")).isEqualTo(9002);
		assertThat(PaymentProviderSimulator.port(new String[0], null)).isEqualTo(8090);
		assertThat(PaymentProviderSimulator.port(new String[0], " ")).isEqualTo(8090);
	}

	@Test
	void invalidPortIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PaymentProviderSimulator.port(new String[] { "http" }, null))
			.withMessageContaining("must be a number");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PaymentProviderSimulator.port(new String[] { "70000" }, null))
			.withMessageContaining("between 0 and 65535");
	}

}
