package io.orderflow.authorization;

import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.DispatcherServlet;

import io.orderflow.authorization.otherapplication.OtherApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Having this module on a class path adds nothing to another Spring Boot application, and
 * what else is on the class path adds nothing to the server: a service whose tests start
 * the authorization server keeps its own security (its resource server's decoder, its own
 * filter chain), even while the server runs in the same JVM. Boot's authorization server
 * starter would add a random key source, a decoder and server settings to it; this module
 * uses the library instead.
 */
class AuthorizationServerStaysOutOfOtherApplicationsIT {

	private static final List<Class<?>> AUTHORIZATION_SERVER_BEANS = List.of(JWKSource.class,
			RegisteredClientRepository.class, AuthorizationServerSettings.class, SecurityFilterChain.class,
			UserDetailsService.class, JwtDecoder.class);

	@Test
	void anotherBootApplicationGetsNoneOfTheServersBeans() {
		try (AuthorizationServer server = AuthorizationServer.start(IdentitySettings.defaults().withPort(0));
				ConfigurableApplicationContext other = SpringApplication.run(OtherApplication.class, "--server.port=0",
						"--server.address=127.0.0.1")) {
			// the other application is a real auto-configured web application...
			assertThat(other).isInstanceOf(ServletWebServerApplicationContext.class);
			assertThat(other.getBeanNamesForType(DispatcherServlet.class)).isNotEmpty();
			// ...with nothing of the authorization server in it
			for (Class<?> type : AUTHORIZATION_SERVER_BEANS) {
				assertThat(other.getBeanNamesForType(type)).as("beans of %s", type.getSimpleName()).isEmpty();
			}
		}
	}

	@Test
	void theServerTakesNoAutoConfigurationFromTheClassPath() {
		try (AuthorizationServer server = AuthorizationServer.start(IdentitySettings.defaults().withPort(0))) {
			ConfigurableApplicationContext context = server.context();

			// Boot's web MVC auto-configuration is on this class path, and would bring
			// these
			assertThat(context.getBeanNamesForType(DispatcherServlet.class)).isEmpty();
			assertThat(context.getBeanDefinitionNames())
				.noneMatch(name -> name.contains(".autoconfigure.") || name.contains("AutoConfiguration"));
		}
	}

}
