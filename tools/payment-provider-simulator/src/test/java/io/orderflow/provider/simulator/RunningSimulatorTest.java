package io.orderflow.provider.simulator;

import java.net.InetSocketAddress;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A real simulator on a free port for each test class, and a client that talks to it over
 * HTTP.
 */
abstract class RunningSimulatorTest {

	static PaymentProviderSimulator simulator;

	static SimulatorClient client;

	@BeforeAll
	static void startSimulator() {
		simulator = PaymentProviderSimulator.start(new InetSocketAddress("127.0.0.1", 0));
		client = SimulatorClient.withApiKey(simulator.baseUri(), simulator.apiKey());
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	static String newReference() {
		return "order-" + UUID.randomUUID();
	}

	static String newKey() {
		return UUID.randomUUID().toString();
	}

}
