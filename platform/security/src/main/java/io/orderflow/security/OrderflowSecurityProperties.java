package io.orderflow.security;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What orderflow adds to Spring's resource server settings
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri},
 * {@code audiences}, which say whose tokens a service takes).
 *
 * @param customerScope the scope a token needs for the customer API ({@code /api/**})
 * @param operatorScope the scope a token needs for the dead-letter admin API and every
 * actuator endpoint but health
 * @param jwkSetTimeToLive how long the identity provider's keys are used before they are
 * fetched again (in the background); while the provider is down the last keys stay in use
 * @param jwkSetCopy where the service keeps a copy of the identity provider's keys as it
 * last fetched them, so that a service that starts while the identity provider is down
 * still checks tokens; none by default, in which case such a service answers 503 until
 * the provider is back. The folder must be one only the service may write: a key planted
 * there would be trusted.
 */
@Validated
@ConfigurationProperties("orderflow.security")
public record OrderflowSecurityProperties(@NotBlank @DefaultValue("orderflow.orders") String customerScope,
		@NotBlank @DefaultValue("orderflow.ops") String operatorScope,
		@NotNull @DefaultValue("5m") Duration jwkSetTimeToLive, @Nullable Path jwkSetCopy) {

	/** The authority Spring Security grants for the customer scope. */
	public String customerAuthority() {
		return "SCOPE_" + customerScope;
	}

	/** The authority Spring Security grants for the operator scope. */
	public String operatorAuthority() {
		return "SCOPE_" + operatorScope;
	}

}
