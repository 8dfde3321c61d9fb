package io.orderflow.localstack.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets reach a service as environment variables under the names Spring Boot binds to
 * their properties; a measurement's JVM options reach its command line.
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
	void aMeasurementsOptionsComeAfterTheServicesOwnAndBeforeTheJar() {
		ServiceProcess service = new ServiceProcess("order-service", Path.of("order-service.jar"), 8081, 9081, Map.of(),
				Map.of(), Path.of("logs"), List.of("-Xmx128m"));

		List<String> command = service.command(null, List.of("-XX:TieredStopAtLevel=1"));

		assertThat(command).containsSubsequence("-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", "order-service.jar");
		assertThat(service.command(null, List.of())).doesNotContain("-XX:TieredStopAtLevel=1");
	}

	@Test
	void aSecretPropertyBecomesTheEnvironmentVariableSpringBindsToIt() {
		assertThat(ServiceProcess.environmentVariable("orderflow.payment.provider.api-key"))
			.isEqualTo("ORDERFLOW_PAYMENT_PROVIDER_API_KEY");
		assertThat(ServiceProcess.environmentVariable("spring.datasource.password"))
			.isEqualTo("SPRING_DATASOURCE_PASSWORD");
	}

}
