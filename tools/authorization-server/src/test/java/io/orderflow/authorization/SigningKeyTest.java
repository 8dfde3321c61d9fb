package io.orderflow.authorization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyTest {

	@TempDir
	Path folder;

	@Test
	void anAbsentFileIsCreatedOwnerOnlyAndReadBackAsTheSameKey() throws IOException, JOSEException {
		Path keyFile = folder.resolve("keys/signing-key.jwk");

		SigningKey created = SigningKey.from(keyFile);
		SigningKey read = SigningKey.from(keyFile);

		assertThat(created.origin()).isEqualTo("generated into " + keyFile);
		assertThat(read.origin()).isEqualTo("read from " + keyFile);
		assertThat(read.key()).isEqualTo(created.key());
		assertThat(created.keyId()).isEqualTo(created.key().computeThumbprint().toString());
		assertThat(created.key().isPrivate()).isTrue();
		assertThat(created.key().size()).isEqualTo(2048);
		assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void withoutAFileEveryKeyIsNew() {
		assertThat(SigningKey.from(null).keyId()).isNotEqualTo(SigningKey.from(null).keyId());
	}

	@Test
	void aKeyWithoutKeyIdGetsItsThumbprint() throws IOException, JOSEException {
		RSAKey key = new RSAKeyGenerator(2048).generate();
		Path keyFile = Files.writeString(folder.resolve("no-kid.jwk"), key.toJSONString());

		assertThat(SigningKey.from(keyFile).keyId()).isEqualTo(key.computeThumbprint().toString());
	}

	@Test
	void aPublicKeyCannotSign() throws IOException, JOSEException {
		RSAKey key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
		Path keyFile = Files.writeString(folder.resolve("public.jwk"), key.toPublicJWK().toJSONString());

		assertThatIllegalStateException().isThrownBy(() -> SigningKey.from(keyFile))
			.withMessageContaining("must be a private RSA JWK");
	}

	@Test
	void aFileThatIsNoKeySaysSo() throws IOException {
		Path keyFile = Files.writeString(folder.resolve("garbage.jwk"), "not a key");

		assertThatIllegalStateException().isThrownBy(() -> SigningKey.from(keyFile))
			.withMessageContaining("is not a JWK");
	}

}
