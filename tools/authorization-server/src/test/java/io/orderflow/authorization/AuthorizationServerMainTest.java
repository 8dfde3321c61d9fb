package io.orderflow.authorization;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthorizationServerMainTest {

	@Test
	void withoutConfigurationItIsTheDemo() {
		IdentitySettings settings = AuthorizationServerMain.settings(AuthorizationServerMain.environment());

		assertThat(settings).hasToString(IdentitySettings.defaults().toString());
	}

	@Test
	void argumentsConfigureEverySetting() {
		IdentitySettings settings = AuthorizationServerMain.settings(AuthorizationServerMain.environment(
				"--orderflow.identity.bind-address=0.0.0.0", "--orderflow.identity.port=9001",
				"--orderflow.identity.issuer=http://identity.test:9001", "--orderflow.identity.key-file=keys/jwk.json",
				"--orderflow.identity.operator-secret=s3cret",
				"--orderflow.identity.web-redirect-uris=http://a.test/cb,http://b.test/cb",
				"--orderflow.identity.audiences=order-service", "--orderflow.identity.access-token-time-to-live=15m"));

		assertThat(settings.address().getHostString()).isEqualTo("0.0.0.0");
		assertThat(settings.address().getPort()).isEqualTo(9001);
		assertThat(settings.issuer()).isEqualTo(URI.create("http://identity.test:9001"));
		assertThat(settings.keyFile()).isEqualTo(Path.of("keys/jwk.json"));
		assertThat(settings.operatorSecret()).isEqualTo("s3cret");
		assertThat(settings.webRedirectUris()).containsExactly(URI.create("http://a.test/cb"),
				URI.create("http://b.test/cb"));
		assertThat(settings.audiences()).containsExactly("order-service");
		assertThat(settings.accessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void environmentVariablesAddCustomersToTheDemoOnes() {
		ConfigurableEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("ORDERFLOW_IDENTITY_KEY_FILE", "/run/secrets/identity-key",
									"ORDERFLOW_IDENTITY_CUSTOMERS_0_ID", "c-99", "ORDERFLOW_IDENTITY_CUSTOMERS_0_EMAIL",
									"c-99@nonexistent.test", "ORDERFLOW_IDENTITY_CUSTOMERS_0_PASSWORD", "demo")));

		IdentitySettings settings = AuthorizationServerMain.settings(environment);

		assertThat(settings.keyFile()).isEqualTo(Path.of("/run/secrets/identity-key"));
		assertThat(settings.customers()).extracting(Customer::id).containsExactly("c-42", "c-43", "c-99");
		assertThat(settings.customers().get(2).email()).isEqualTo("c-99@nonexistent.test");
	}

	@Test
	void aBadValueNamesTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationServerMain
				.settings(AuthorizationServerMain.environment("--orderflow.identity.port=ninety")))
			.withMessageContaining("orderflow.identity.port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationServerMain
				.settings(AuthorizationServerMain.environment("--orderflow.identity.port=70000")))
			.withMessageContaining("orderflow.identity.port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationServerMain.settings(AuthorizationServerMain.environment(
					"--orderflow.identity.customers[0].id=c-1", "--orderflow.identity.customers[0].password=x")))
			.withMessageContaining("email");
	}

}
