package io.orderflow.localstack.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets reach a service as environment variables under the names Spring Boot binds to
 * their properties.
 */
class ServiceProcessTest {

	@Test
	void measurementOptionsAreSplitAtSpacesAndNoneWhenBlank() {
		assertThat(ServiceProcess
			.measurementJvmOptions(" -XX:TieredStopAtLevel=1  -XX:StartFlightRecording=filename=/tmp/%p.jfr "))
			.containsExactly("-XX:TieredStopAtLevel=1", "-XX:StartFlightRecording=filename=/tmp/%p.jfr");
		assertThat(ServiceProcess.measurementJvmOptions(" ")).isEmpty();
	}

	@Test
	void aSecretPropertyBecomesTheEnvironmentVariableSpringBindsToIt() {
		assertThat(ServiceProcess.environmentVariable("orderflow.payment.provider.api-key"))
			.isEqualTo("ORDERFLOW_PAYMENT_PROVIDER_API_KEY");
		assertThat(ServiceProcess.environmentVariable("spring.datasource.password"))
			.isEqualTo("SPRING_DATASOURCE_PASSWORD");
	}

}
