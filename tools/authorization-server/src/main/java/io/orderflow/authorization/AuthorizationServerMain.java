package io.orderflow.authorization;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.context.properties.bind.Bindable;
import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The authorization server on its own, as docker compose runs it. Configured by
 * {@code --name=value} arguments, system properties or environment variables (Spring's
 * relaxed names: {@code orderflow.identity.key-file} is also
 * {@code ORDERFLOW_IDENTITY_KEY_FILE}), each optional:
 * <table>
 * <caption>Properties, prefix {@code orderflow.identity.}</caption>
 * <tr>
 * <td>{@code bind-address}, {@code port}</td>
 * <td>{@code 127.0.0.1}, {@value IdentitySettings#DEFAULT_PORT}</td>
 * </tr>
 * <tr>
 * <td>{@code issuer}</td>
 * <td>{@code http://localhost:<port>}</td>
 * </tr>
 * <tr>
 * <td>{@code key-file}</td>
 * <td>none: a key in memory, new on every start</td>
 * </tr>
 * <tr>
 * <td>{@code customers[0].id}, {@code .email}, {@code .password}</td>
 * <td>customers added to (or, with the same id, replacing) {@code c-42} and
 * {@code c-43}</td>
 * </tr>
 * <tr>
 * <td>{@code operator-secret}</td>
 * <td>{@code demo}</td>
 * </tr>
 * <tr>
 * <td>{@code web-redirect-uris}</td>
 * <td>{@code http://localhost:8080/login/oauth2/code/orderflow}</td>
 * </tr>
 * <tr>
 * <td>{@code audiences}</td>
 * <td>{@code order-service,payment-service,notification-service}</td>
 * </tr>
 * <tr>
 * <td>{@code access-token-time-to-live}</td>
 * <td>{@code 1h}</td>
 * </tr>
 * </table>
 * The demo secrets are for a local demo only.
 */
public final class AuthorizationServerMain {

	static final String PREFIX = "orderflow.identity.";

	private AuthorizationServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "logback-authorization-server.xml");
		}
		// Tomcat's lines in the same format as the server's own
		SLF4JBridgeHandler.removeHandlersForRootLogger();
		SLF4JBridgeHandler.install();
		AuthorizationServer server;
		try {
			server = AuthorizationServer.start(settings(environment(args)));
		}
		catch (RuntimeException ex) {
			System.err
				.println("The authorization server did not start: " + Objects.toString(ex.getMessage(), ex.toString()));
			System.exit(ex instanceof IllegalArgumentException ? 2 : 1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			System.out.println("Authorization server stopped");
			stopped.countDown();
		}, "authorization-server-shutdown"));
		System.out.println("orderflow authorization server " + server.issuer() + " on port " + server.port());
		stopped.await();
	}

	static ConfigurableEnvironment environment(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return environment;
	}

	/**
	 * @throws IllegalArgumentException when a value is missing, malformed or out of range
	 */
	static IdentitySettings settings(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		IdentitySettings defaults = IdentitySettings.defaults();
		try {
			String bindAddress = binder.bind(PREFIX + "bind-address", String.class)
				.orElse(IdentitySettings.DEFAULT_BIND_ADDRESS);
			int port = binder.bind(PREFIX + "port", Integer.class).orElse(IdentitySettings.DEFAULT_PORT);
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException(PREFIX + "port must be between 0 and 65535, was " + port);
			}
			IdentitySettings settings = defaults.withAddress(new InetSocketAddress(bindAddress, port))
				.withIssuer(binder.bind(PREFIX + "issuer", URI.class).orElse(null))
				.withKeyFile(binder.bind(PREFIX + "key-file", Path.class).orElse(null))
				.withOperatorSecret(
						binder.bind(PREFIX + "operator-secret", String.class).orElse(defaults.operatorSecret()))
				.withWebRedirectUris(binder.bind(PREFIX + "web-redirect-uris", Bindable.listOf(URI.class))
					.orElse(defaults.webRedirectUris()))
				.withAudiences(
						binder.bind(PREFIX + "audiences", Bindable.listOf(String.class)).orElse(defaults.audiences()))
				.withAccessTokenTimeToLive(binder.bind(PREFIX + "access-token-time-to-live", Duration.class)
					.orElse(defaults.accessTokenTimeToLive()));
			for (Customer customer : binder.bind(PREFIX + "customers", Bindable.listOf(Customer.class))
				.orElse(List.of())) {
				settings = settings.withCustomer(customer);
			}
			return settings;
		}
		catch (BindException ex) {
			// the property and the reason, e.g. "... orderflow.identity.port ...: For
			// input string: \"x\""
			Throwable reason = NestedExceptionUtils.getMostSpecificCause(ex);
			throw new IllegalArgumentException(
					ex.getMessage() + ": " + Objects.toString(reason.getMessage(), reason.toString()), ex);
		}
	}

}
