package io.orderflow.authorization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server restarted on the same key file signs with the same key: the services' cached
 * key sets and the tokens already given out stay valid across the restart.
 */
class SigningKeyPersistenceIT {

	private final OAuthClient client = new OAuthClient();

	@Test
	void aRestartOnTheSameKeyFileKeepsTheKey(@TempDir Path folder) throws IOException {
		Path keyFile = folder.resolve("identity").resolve("signing-key.jwk");
		IdentitySettings settings = IdentitySettings.defaults().withPort(0).withKeyFile(keyFile);

		String kidBefore;
		String tokenBefore;
		try (AuthorizationServer first = AuthorizationServer.start(settings)) {
			kidBefore = onlyKeyId(client.keySet(first.jwkSetUri()));
			tokenBefore = OAuthClient
				.accessToken(client.clientCredentials(first.tokenUri(), "customer-c-42", "demo", null));
		}
		assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(folder.resolve("identity")).isDirectoryNotContaining("glob:**.partial");

		try (AuthorizationServer second = AuthorizationServer.start(settings)) {
			JWKSet keySetAfter = client.keySet(second.jwkSetUri());

			assertThat(onlyKeyId(keySetAfter)).isEqualTo(kidBefore);
			assertThat(OAuthClient.verifiedClaims(tokenBefore, keySetAfter).getSubject()).isEqualTo("c-42");
		}
	}

	@Test
	void withoutAKeyFileEveryStartHasItsOwnKey() {
		IdentitySettings settings = IdentitySettings.defaults().withPort(0);
		String first;
		try (AuthorizationServer server = AuthorizationServer.start(settings)) {
			first = onlyKeyId(client.keySet(server.jwkSetUri()));
		}
		try (AuthorizationServer server = AuthorizationServer.start(settings)) {
			assertThat(onlyKeyId(client.keySet(server.jwkSetUri()))).isNotEqualTo(first);
		}
	}

	private static String onlyKeyId(JWKSet keySet) {
		assertThat(keySet.getKeys()).hasSize(1);
		return keySet.getKeys().get(0).getKeyID();
	}

}
