package io.orderflow.security.jwt;

import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder every service checks bearer tokens with: RS256 signatures by the identity
 * provider's published keys, its issuer, an audience naming this service, and an expiry
 * that must be there.
 *
 * <p>
 * Why not Boot's decoder: Boot's {@code jwk-set-uri} decoder caches the keys for five
 * minutes and then needs the provider again; while it is down every request, valid tokens
 * included, fails with a 500. This one keeps serving the last keys it fetched for as long
 * as the provider is away (Nimbus's outage-tolerant cache, refreshed ahead in the
 * background), and, given a {@code jwkSetCopy}, also after a restart (ADR 0022).
 */
public final class ServiceJwtDecoder {

	/** How long a fetch of the keys may take before the cached ones answer. */
	static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * At most one fetch per this interval for tokens naming an unknown key: a flood of
	 * forged key ids does not reach the provider.
	 */
	static final Duration UNKNOWN_KEY_FETCH_INTERVAL = Duration.ofSeconds(30);

	private ServiceJwtDecoder() {
	}

	/**
	 * @param issuer the {@code iss} every token must carry
	 * @param jwkSetUri where the provider publishes its keys
	 * @param audiences at least one of them must be in a token's {@code aud}
	 * @param keysTimeToLive how long fetched keys are used before they are fetched again
	 * @param jwkSetCopy where the keys are copied for a restart during an outage, or
	 * {@code null} for none
	 */
	public static JwtDecoder create(String issuer, URI jwkSetUri, List<String> audiences, Duration keysTimeToLive,
			@Nullable Path jwkSetCopy) {
		if (audiences.isEmpty()) {
			throw new IllegalArgumentException("A service must name the audience its tokens are for");
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys(jwkSetUri, keysTimeToLive, jwkSetCopy))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(validator(issuer, audiences));
		return decoder;
	}

	static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
		JwtTimestampValidator expiry = new JwtTimestampValidator();
		// Spring accepts a token without exp by default: one that never expires is
		// refused
		expiry.setAllowEmptyExpiryClaim(false);
		JwtClaimValidator<List<String>> audience = new JwtClaimValidator<>(JwtClaimNames.AUD,
				(List<String> aud) -> aud != null && aud.stream().anyMatch(audiences::contains));
		return new DelegatingOAuth2TokenValidator<>(JwtTypeValidator.jwt(), expiry, new JwtIssuerValidator(issuer),
				audience);
	}

	private static JWKSource<SecurityContext> keys(URI jwkSetUri, Duration keysTimeToLive, @Nullable Path jwkSetCopy) {
		int timeout = (int) FETCH_TIMEOUT.toMillis();
		JWKSetSource<SecurityContext> fetched;
		try {
			fetched = new URLBasedJWKSetSource<>(jwkSetUri.toURL(),
					new DefaultResourceRetriever(timeout, timeout, 512 * 1024));
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Not a URL: " + jwkSetUri, ex);
		}
		JWKSetSource<SecurityContext> source = (jwkSetCopy != null) ? new CopiedJwkSetSource(fetched, jwkSetCopy)
				: fetched;
		// refreshed in the background in the last quarter of their life, so a request
		// rarely waits for a fetch; Nimbus wants both margins within the time to live
		long timeToLive = keysTimeToLive.toMillis();
		long margin = timeToLive / 4;
		JWKSource<SecurityContext> keys = JWKSourceBuilder.create(source)
			.cache(timeToLive, Math.min(FETCH_TIMEOUT.toMillis(), margin))
			.refreshAheadCache(margin, true)
			.rateLimited(Math.min(UNKNOWN_KEY_FETCH_INTERVAL.toMillis(), timeToLive / 2))
			.outageTolerantForever()
			.retrying(true)
			.build();
		// a key id fetched for too recently is a key the provider does not have: the
		// token is refused (401), not taken for an outage (503)
		return (selector, context) -> {
			try {
				return keys.get(selector, context);
			}
			catch (RateLimitReachedException unknownKeyAgain) {
				return List.of();
			}
		};
	}

}
