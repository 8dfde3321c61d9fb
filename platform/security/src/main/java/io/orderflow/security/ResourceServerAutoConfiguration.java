package io.orderflow.security;

import java.net.URI;
import java.util.List;

import io.orderflow.security.customer.CustomerArgumentResolver;
import io.orderflow.security.customer.NoCustomerAdvice;
import io.orderflow.security.jwt.ServiceJwtDecoder;
import io.orderflow.security.problems.SecurityProblems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a service an OAuth2 resource server the way every orderflow service is one (I10,
 * docs/architecture.md; ADR 0022):
 * <ul>
 * <li>a bearer JWT on every request but health, the OpenAPI document and its UI, checked
 * by {@link ServiceJwtDecoder} against Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} and
 * {@code audiences} (the service's name when none is set);</li>
 * <li>the customer scope for {@code /api/**}, the operator scope for {@code /admin/**}
 * and for every actuator endpoint but health ({@link ActuatorAccess});</li>
 * <li>no session and no CSRF token: a bearer token is not sent by a browser on its own,
 * so a cross-site request carries none and is refused;</li>
 * <li>{@code 401}, {@code 403} and the {@code 503} of unavailable keys as problem
 * documents ({@link SecurityProblems}).</li>
 * </ul>
 * Controllers take the caller as a {@link io.orderflow.security.customer.Customer}
 * parameter.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({ OrderflowSecurityProperties.class, OAuth2ResourceServerProperties.class })
public class ResourceServerAutoConfiguration {

	/** Public: what a client needs before it has a token. */
	private static final String[] OPEN_PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**", "/error" };

	@Bean
	JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, OrderflowSecurityProperties security,
			Environment environment) {
		OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
		if (!StringUtils.hasText(jwt.getIssuerUri()) || !StringUtils.hasText(jwt.getJwkSetUri())) {
			throw new IllegalStateException("An orderflow service checks tokens against its identity provider: set "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri and .jwk-set-uri");
		}
		List<String> audiences = jwt.getAudiences().isEmpty()
				? List.of(environment.getRequiredProperty("spring.application.name")) : jwt.getAudiences();
		return ServiceJwtDecoder.create(jwt.getIssuerUri(), URI.create(jwt.getJwkSetUri()), audiences,
				security.jwkSetTimeToLive(), security.jwkSetCopy());
	}

	@Bean
	SecurityProblems securityProblems(JsonMapper json) {
		return new SecurityProblems(json);
	}

	@Bean
	SecurityFilterChain orderflowResourceServer(HttpSecurity http, OrderflowSecurityProperties security,
			SecurityProblems problems, Environment environment) throws Exception {
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(requests -> {
				ActuatorAccess.configure(requests, security.operatorAuthority(), environment);
				requests.requestMatchers(OPEN_PATHS)
					.permitAll()
					.requestMatchers("/admin/**")
					.hasAuthority(security.operatorAuthority())
					.requestMatchers("/api/**")
					.hasAuthority(security.customerAuthority())
					.anyRequest()
					.authenticated();
			})
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						// unavailable keys reach the entry point (a 503) instead of
						// escaping as a 500
						AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(
								problems);
						failures.setRethrowAuthenticationServiceException(false);
						filter.setAuthenticationFailureHandler(failures);
						return filter;
					}
				}));
		return http.build();
	}

	/**
	 * A request's trace keeps the span of checking its token (the key lookup and the
	 * signature) and loses Spring Security's observations of each of its filters and of
	 * the authorization decision: about a dozen per request that told nothing the HTTP
	 * span does not, and cost 6 % of order-service's CPU samples at 50 orders/s
	 * (docs/performance.md, issue 16's third step).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.build();
	}

	@Bean
	NoCustomerAdvice noCustomerAdvice() {
		return new NoCustomerAdvice();
	}

	@Bean
	WebMvcConfigurer customerArguments() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CustomerArgumentResolver());
			}
		};
	}

}
