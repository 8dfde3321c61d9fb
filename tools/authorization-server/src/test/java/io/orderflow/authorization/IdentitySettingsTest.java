package io.orderflow.authorization;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentitySettingsTest {

	@Test
	void theDefaultsAreTheDemosIdentities() {
		IdentitySettings defaults = IdentitySettings.defaults();

		assertThat(defaults.address().getHostString()).isEqualTo("127.0.0.1");
		assertThat(defaults.address().getPort()).isEqualTo(9000);
		assertThat(defaults.issuerOn(9000)).isEqualTo(URI.create("http://localhost:9000"));
		assertThat(defaults.keyFile()).isNull();
		assertThat(defaults.customers()).extracting(Customer::id, Customer::email, Customer::clientId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("c-42", "c-42@example.com", "customer-c-42"),
					org.assertj.core.groups.Tuple.tuple("c-43", "c-43@example.com", "customer-c-43"));
		assertThat(defaults.audiences()).containsExactly("order-service", "payment-service", "notification-service");
		assertThat(defaults.accessTokenTimeToLive()).isEqualTo(Duration.ofHours(1));
		assertThat(defaults.webRedirectUris())
			.containsExactly(URI.create("http://localhost:8080/login/oauth2/code/orderflow"));
	}

	@Test
	void aConfiguredIssuerIsKeptWhateverThePort() {
		IdentitySettings settings = IdentitySettings.defaults().withIssuer(URI.create("https://id.example.com"));

		assertThat(settings.issuerOn(0)).isEqualTo(URI.create("https://id.example.com"));
	}

	@Test
	void aCustomerIsAddedOrReplacedById() {
		IdentitySettings settings = IdentitySettings.defaults()
			.withCustomer(new Customer("c-99", "c-99@nonexistent.test", "x"))
			.withCustomer(new Customer("c-42", "other@example.com", "y"));

		assertThat(settings.customers()).extracting(Customer::id).containsExactly("c-43", "c-99", "c-42");
		assertThat(settings.customers()).filteredOn(customer -> customer.id().equals("c-42"))
			.extracting(Customer::email)
			.containsExactly("other@example.com");
	}

	@Test
	void secretsStayOutOfTheTextOfTheSettings() {
		IdentitySettings settings = IdentitySettings.defaults()
			.withOperatorSecret("operator-secret")
			.withCustomer(new Customer("c-1", "c-1@example.com", "customer-secret"));

		assertThat(settings.toString()).contains("c-1@example.com")
			.doesNotContain("operator-secret", "customer-secret");
	}

	@Test
	void nonsenseIsRefusedWithTheReason() {
		IdentitySettings defaults = IdentitySettings.defaults();

		assertThatIllegalArgumentException().isThrownBy(() -> new Customer("c 42", "c@example.com", "demo"))
			.withMessageContaining("customer id");
		assertThatIllegalArgumentException().isThrownBy(() -> new Customer("c-42", "nobody", "demo"))
			.withMessageContaining("email");
		assertThatIllegalArgumentException().isThrownBy(() -> new Customer("c-42", "c@example.com", " "))
			.withMessageContaining("password");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> defaults.withCustomers(
					List.of(new Customer("c-1", "a@example.com", "x"), new Customer("c-1", "b@example.com", "y"))))
			.withMessageContaining("unique");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withIssuer(URI.create("ftp://localhost")))
			.withMessageContaining("issuer");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withIssuer(URI.create("http://localhost:9000/")))
			.withMessageContaining("scheme, host and port only");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withAudiences(List.of()))
			.withMessageContaining("audience");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withWebRedirectUris(List.of()))
			.withMessageContaining("redirect");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withAccessTokenTimeToLive(Duration.ZERO))
			.withMessageContaining("time to live");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withOperatorSecret(""))
			.withMessageContaining("secret");
	}

}
