package io.orderflow.security.jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's key set, fetched from it, with a copy on disk of the last set
 * it served: when the provider cannot be reached, the copy answers. Nimbus's own cache
 * keeps a fetched set in memory through an outage; the copy is for the one case memory
 * cannot cover, a service that (re)starts while the provider is down (I10: an identity
 * provider that is down stops new logins, nothing else).
 *
 * <p>
 * The key set is public, so the copy holds no secret; it must sit where only the service
 * writes, since a key planted there would be trusted.
 */
final class CopiedJwkSetSource implements JWKSetSource<SecurityContext> {

	private static final Logger log = LoggerFactory.getLogger(CopiedJwkSetSource.class);

	private final JWKSetSource<SecurityContext> provider;

	private final Path copy;

	private final AtomicReference<String> lastWritten = new AtomicReference<>();

	CopiedJwkSetSource(JWKSetSource<SecurityContext> provider, Path copy) {
		this.provider = provider;
		this.copy = copy;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		try {
			JWKSet fetched = provider.getJWKSet(refreshEvaluator, currentTime, context);
			keep(fetched);
			return fetched;
		}
		catch (KeySourceException unreachable) {
			JWKSet kept = kept();
			if (kept == null) {
				throw unreachable;
			}
			log.warn("Identity provider's keys unavailable ({}); checking tokens with the copy in {}",
					unreachable.getMessage(), copy);
			return kept;
		}
	}

	private void keep(JWKSet fetched) {
		// only the public keys: a provider that wrongly published private parts does not
		// get them written to disk
		String json = fetched.toPublicJWKSet().toString();
		if (json.equals(lastWritten.get())) {
			return;
		}
		try {
			Files.createDirectories(copy.toAbsolutePath().getParent());
			Path next = Files.createTempFile(copy.toAbsolutePath().getParent(), copy.getFileName().toString(), ".tmp");
			Files.writeString(next, json);
			Files.move(next, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			lastWritten.set(json);
		}
		catch (IOException ex) {
			log.warn("Could not keep a copy of the identity provider's keys in {}: {}", copy, ex.toString());
		}
	}

	private JWKSet kept() {
		if (!Files.isRegularFile(copy)) {
			return null;
		}
		try {
			return JWKSet.load(copy.toFile());
		}
		catch (IOException | ParseException ex) {
			log.warn("The copy of the identity provider's keys in {} is unreadable: {}", copy, ex.toString());
			return null;
		}
	}

	@Override
	public void close() throws IOException {
		provider.close();
	}

}
