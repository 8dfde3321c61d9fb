package io.orderflow.localstack.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.orderflow.embedded.kafka.BrokerCredentials;
import io.orderflow.embedded.kafka.ScramLogin;
import io.orderflow.embedded.postgres.DatabaseRole;

/**
 * The local stack's passwords, one file per secret in a folder of its work directory that
 * only its owner may read: made up (SecureRandom) the first time a secret is asked for,
 * the same on every later start from that work directory. Nothing in the repository is a
 * password, and none goes on a command line.
 */
public final class SecretsFolder {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private final Path folder;

	private SecretsFolder(Path folder) {
		this.folder = folder;
	}

	/** The folder, created owner-only if missing; an existing one is made owner-only. */
	public static SecretsFolder at(Path folder) {
		try {
			if (!Files.isDirectory(folder)) {
				Files.createDirectories(folder, ownerOnly(OWNER_ONLY_FOLDER));
			}
			if (POSIX) {
				Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
			}
			return new SecretsFolder(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the secrets folder " + folder, ex);
		}
	}

	public Path folder() {
		return folder;
	}

	/**
	 * The password named {@code name} (lower case letters, digits, {@code _ . -}), made
	 * up on first use.
	 */
	public synchronized String password(String name) {
		if (!name.matches("[a-z0-9][a-z0-9_.-]*")) {
			throw new IllegalArgumentException("Not a plain secret name: " + name);
		}
		Path file = folder.resolve(name);
		try {
			if (!Files.exists(file)) {
				// letters and digits only: a Kafka login's JAAS line, SQL and URLs take
				// them
				// unescaped
				create(file, ScramLogin.randomPassword());
			}
			String password = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (password.isEmpty()) {
				throw new IllegalStateException("The secret file " + file + " is empty: delete it to get a new one");
			}
			return password;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or write the secret " + file, ex);
		}
	}

	/** The login role {@code name} with its password from this folder. */
	public DatabaseRole databaseRole(String name) {
		return new DatabaseRole(name, password(name));
	}

	/**
	 * The Kafka user {@code name} with its password from this folder
	 * ({@code kafka-<name>}).
	 */
	public ScramLogin kafkaUser(String name) {
		return new ScramLogin(name, password("kafka-" + name));
	}

	/** The broker's own super users, {@code admin} and {@code broker}. */
	public BrokerCredentials brokerCredentials() {
		return BrokerCredentials.of(password("kafka-" + BrokerCredentials.ADMIN),
				password("kafka-" + BrokerCredentials.BROKER));
	}

	/** Created owner-only from the start: never readable by others, not even briefly. */
	private static void create(Path file, String password) throws IOException {
		try {
			Files.createFile(file, ownerOnly(OWNER_ONLY_FILE));
		}
		catch (FileAlreadyExistsException ex) {
			return;
		}
		Files.writeString(file, password, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
	}

	private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

}
