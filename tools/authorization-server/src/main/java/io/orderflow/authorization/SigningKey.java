package io.orderflow.authorization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The RSA key that signs every token, with its key id (the key's JWK thumbprint, so the
 * same key always has the same {@code kid}).
 *
 * <p>
 * Kept in a JWK file when one is configured: loaded when it exists, generated and written
 * (readable by the owner only) when it does not. A server restarted on the same file
 * signs with the same key, so the services' cached key sets and the tokens already given
 * out stay valid. Without a file the key lives in memory and dies with the process.
 *
 * @param key the private key, also its public part
 * @param origin where it came from, for the start-up line
 */
record SigningKey(RSAKey key, String origin) {

	private static final int KEY_SIZE = 2048;

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	static SigningKey from(Path keyFile) {
		if (keyFile == null) {
			return new SigningKey(generate(), "generated in memory");
		}
		if (Files.exists(keyFile)) {
			return new SigningKey(read(keyFile), "read from " + keyFile);
		}
		RSAKey key = generate();
		write(key, keyFile);
		return new SigningKey(key, "generated into " + keyFile);
	}

	String keyId() {
		return key.getKeyID();
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(KEY_SIZE).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA signing key", ex);
		}
	}

	private static RSAKey read(Path keyFile) {
		JWK jwk;
		try {
			jwk = JWK.parse(Files.readString(keyFile));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the signing key " + keyFile, ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The signing key " + keyFile + " is not a JWK: " + ex.getMessage(), ex);
		}
		if (!(jwk instanceof RSAKey rsaKey) || !rsaKey.isPrivate()) {
			throw new IllegalStateException("The signing key " + keyFile + " must be a private RSA JWK, was a "
					+ (jwk.isPrivate() ? "private " : "public ") + jwk.getKeyType() + " key");
		}
		return (rsaKey.getKeyID() != null) ? rsaKey : withThumbprintKeyId(rsaKey);
	}

	/** A key written by hand may have no key id; resource servers need one to pick it. */
	private static RSAKey withThumbprintKeyId(RSAKey key) {
		try {
			return new RSAKey.Builder(key).keyIDFromThumbprint().build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not compute the thumbprint of the signing key", ex);
		}
	}

	/**
	 * Written to a file of the same folder first and then moved into place, so that a
	 * crash never leaves half a key behind; the file is created owner-only, never
	 * readable by others for a moment.
	 */
	private static void write(RSAKey key, Path keyFile) {
		Path folder = keyFile.toAbsolutePath().getParent();
		try {
			Files.createDirectories(folder);
			Path partial = Files.createTempFile(folder, keyFile.getFileName().toString(), ".partial",
					ownerOnly(folder));
			try {
				// toJSONString includes the private parameters; the JWK set endpoint
				// publishes only the public ones
				Files.writeString(partial, key.toJSONString());
				Files.move(partial, keyFile, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(partial);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the signing key " + keyFile, ex);
		}
	}

	/**
	 * Where files have no POSIX permissions (Windows) the folder's own access rules
	 * apply.
	 */
	private static FileAttribute<?>[] ownerOnly(Path folder) {
		return folder.getFileSystem().supportedFileAttributeViews().contains("posix")
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
	}

}
