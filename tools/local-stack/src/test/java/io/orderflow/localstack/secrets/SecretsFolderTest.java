package io.orderflow.localstack.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.orderflow.embedded.kafka.BrokerCredentials;
import io.orderflow.embedded.kafka.ScramLogin;
import io.orderflow.embedded.postgres.DatabaseRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecretsFolderTest {

	@TempDir
	Path work;

	@Test
	void aPasswordIsMadeUpOnceAndKeptForTheNextStart() {
		String first = SecretsFolder.at(work.resolve("secrets")).password("order_service");
		String again = SecretsFolder.at(work.resolve("secrets")).password("order_service");
		String other = SecretsFolder.at(work.resolve("secrets")).password("payment_service");
		assertThat(first).hasSizeGreaterThanOrEqualTo(24).isEqualTo(again).isNotEqualTo(other);
		assertThat(SecretsFolder.at(work.resolve("elsewhere")).password("order_service")).isNotEqualTo(first);
	}

	@Test
	void kafkaUsersAndTheBrokersSuperUsersGetPasswordsKafkaTakesAndKeepThem() {
		SecretsFolder secrets = SecretsFolder.at(work.resolve("secrets"));
		ScramLogin service = secrets.kafkaUser("payment-service");
		BrokerCredentials broker = secrets.brokerCredentials();

		assertThat(service.password()).matches("[A-Za-z0-9]{24}");
		assertThat(work.resolve("secrets").resolve("kafka-payment-service")).hasContent(service.password());
		assertThat(SecretsFolder.at(work.resolve("secrets")).kafkaUser("payment-service")).isEqualTo(service);
		assertThat(SecretsFolder.at(work.resolve("secrets")).brokerCredentials()).isEqualTo(broker);
		assertThat(broker.admin().password()).isNotEqualTo(broker.broker().password()).isNotEqualTo(service.password());
	}

	@Test
	void onlyTheOwnerMayReadThem() throws IOException {
		SecretsFolder secrets = SecretsFolder.at(work.resolve("secrets"));
		secrets.password("order_service");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.folder())))
			.isEqualTo("rwx------");
		assertThat(
				PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.folder().resolve("order_service"))))
			.isEqualTo("rw-------");
	}

	@Test
	void aFolderMadeByHandIsMadeOwnerOnly() throws IOException {
		Path folder = Files.createDirectories(work.resolve("secrets"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		SecretsFolder.at(folder);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
	}

	@Test
	void aPasswordWrittenByHandIsUsedAsItIs() throws IOException {
		Path folder = Files.createDirectories(work.resolve("secrets"));
		Files.writeString(folder.resolve("order_service"), "chosen-by-hand\n");
		DatabaseRole role = SecretsFolder.at(folder).databaseRole("order_service");
		assertThat(role.name()).isEqualTo("order_service");
		assertThat(role.password()).isEqualTo("chosen-by-hand");
	}

	@Test
	void aNameCannotLeaveTheFolder() {
		assertThatIllegalArgumentException().isThrownBy(() -> SecretsFolder.at(work).password("../order_service"));
	}

}
