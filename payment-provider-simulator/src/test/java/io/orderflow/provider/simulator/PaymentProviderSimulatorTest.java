package io.orderflow.provider.simulator;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Lifecycle of the embedded simulator, and how the standalone launcher picks its port. */
class PaymentProviderSimulatorTest {

	@Test
	void portZeroListensOnAFreePortAndCloseStopsListening() {
		URI base;
		try (PaymentProviderSimulator simulator = PaymentProviderSimulator
			.start(new InetSocketAddress("127.0.0.1", 0))) {
			assertThat(simulator.port()).isPositive();
			base = simulator.baseUri();
			assertThat(base).isEqualTo(URI.create("http://127.0.0.1:" + simulator.port()));
			assertThat(new SimulatorClient(base).get("/health").status()).isEqualTo(200);
			simulator.close();
			simulator.close();
		}

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> new SimulatorClient(base).get("/health"));
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
	void portComesFromTheArgumentThenThePortVariableThenTheDefault() {
		assertThat(PaymentProviderSimulator.port(new String[] { "9001" }, "9002")).isEqualTo(9001);
		assertThat(PaymentProviderSimulator.port(new String[0], "9002")).isEqualTo(9002);
		assertThat(PaymentProviderSimulator.port(new String[0], null)).isEqualTo(8090);
		assertThat(PaymentProviderSimulator.port(new String[0], " ")).isEqualTo(8090);
	}

	@Test
	void invalidPortIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.port(new String[] { "http" }, null))
			.withMessageContaining("must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentProviderSimulator.port(new String[] { "70000" }, null))
			.withMessageContaining("between 0 and 65535");
	}

}
