package io.orderflow.authorization;

import java.io.IOException;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The whole server, declared here rather than auto-configured, so that it is the same
 * whatever else is on the class path (see {@link AuthorizationServer}): the embedded
 * Tomcat, the two security filter chains Spring Boot's authorization server configuration
 * would declare (protocol endpoints with OpenID Connect; a login form for the rest), and
 * the directory of {@link IdentitySettings}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class AuthorizationServerConfiguration {

	@Bean
	TomcatServletWebServerFactory webServerFactory(IdentitySettings settings) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(settings.address().getPort());
		factory.setAddress(settings.address().getAddress());
		// stopping is a fault the tests inject: no grace period for requests in flight
		factory.setShutdown(Shutdown.IMMEDIATE);
		return factory;
	}

	/**
	 * Every endpoint is a filter of the security chains; Tomcat runs filters only for a
	 * request mapped to a servlet, and this one answers what the filters leave: nothing
	 * here.
	 */
	@Bean
	ServletRegistrationBean<HttpServlet> notFound() {
		return new ServletRegistrationBean<>(new NotFoundServlet(), "/");
	}

	@Bean
	DelegatingFilterProxyRegistrationBean securityFilterRegistration() {
		return new DelegatingFilterProxyRegistrationBean(AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(authorizationServer.getEndpointsMatcher());
		http.with(authorizationServer, server -> server.oidc(withDefaults())
			.tokenEndpoint(token -> token
				.accessTokenRequestConverters(converters -> converters.add(0, new RegisteredScopesByDefault()))));
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
		// the bearer token of /userinfo
		http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
		// a browser that is not logged in is sent to the login form
		MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		http.exceptionHandling(exceptions -> exceptions
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browser));
		return http.build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated()).formLogin(withDefaults());
		return http.build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
		return AuthorizationServerSettings.builder().issuer(settings.issuer().toString()).build();
	}

	@Bean
	Directory directory(IdentitySettings settings) {
		return new Directory(settings);
	}

	@Bean
	RegisteredClientRepository registeredClients(Directory directory) {
		return directory.clients();
	}

	/** The customers, who log in with their id and password in the browser flow. */
	@Bean
	UserDetailsService customers(Directory directory) {
		return directory.users();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKey signingKey) {
		return new ImmutableJWKSet<>(new JWKSet(signingKey.key()));
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> orderflowClaims(Directory directory, IdentitySettings settings) {
		return new OrderflowClaims(directory, settings.audiences());
	}

	private static final class NotFoundServlet extends HttpServlet {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}

	}

}
