package io.orderflow.security;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * I10: an identity provider that is down stops new logins, nothing else. Tokens issued
 * before the outage keep working in a running service, in a service restarted during it,
 * and a service that never saw the provider's keys answers 503, not 500, until it is
 * back.
 */
class IdentityProviderOutageIT {

	/** Short, so that the test outlives the keys' time to live. */
	private static final Duration KEYS_TIME_TO_LIVE = Duration.ofSeconds(1);

	@TempDir
	Path folder;

	IdentityProvider provider;

	@BeforeEach
	void startProvider() {
		provider = new IdentityProvider(folder);
	}

	@AfterEach
	void stopProvider() {
		provider.close();
	}

	@Test
	void aRunningServiceKeepsAcceptingValidTokensLongAfterTheProviderWentDown() {
		try (ServiceUnderTest service = ServiceUnderTest.start(provider, null,
				"orderflow.security.jwk-set-time-to-live=" + KEYS_TIME_TO_LIVE.toMillis() + "ms")) {
			String token = provider.tokenOf("customer-c-42", "demo");
			assertThat(service.get("/api/me", token).statusCode()).isEqualTo(200);

			provider.stop();

			await().pollDelay(KEYS_TIME_TO_LIVE.multipliedBy(3))
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(service.get("/api/me", token).statusCode()).isEqualTo(200));
		}
	}

	@Test
	void aServiceRestartedDuringTheOutageChecksTokensWithItsCopyOfTheKeys() {
		Path copy = folder.resolve("keys/jwks.json");
		String token = provider.tokenOf("customer-c-43", "demo");
		try (ServiceUnderTest before = ServiceUnderTest.start(provider, copy)) {
			assertThat(before.get("/api/me", token).statusCode()).isEqualTo(200);
		}

		provider.stop();

		try (ServiceUnderTest restarted = ServiceUnderTest.start(provider, copy)) {
			HttpResponse<String> me = restarted.get("/api/me", token);
			assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
			assertThat(me.body()).contains("c-43");
			assertThat(
					restarted
						.get("/api/me",
								provider
									.signedByProvider(provider.customerClaims().issuer("http://evil.example").build()))
						.statusCode())
				.isEqualTo(401);
		}
	}

	@Test
	void aServiceThatNeverSawTheKeysAnswers503UntilTheProviderIsBack() {
		String token = provider.tokenOf("customer-c-42", "demo");
		provider.stop();

		try (ServiceUnderTest service = ServiceUnderTest.start(provider, folder.resolve("never-written.json"))) {
			HttpResponse<String> unavailable = service.get("/api/me", token);

			assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
			assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();

			provider.start();

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(service.get("/api/me", token).statusCode()).isEqualTo(200));
		}
	}

}
