package io.orderflow.authorization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.AbstractEnvironment;

/**
 * orderflow's own OAuth2 and OpenID Connect identity provider, on Spring Authorization
 * Server: the demo's customers and operator get JWTs (RS256) that the services accept.
 * Endpoints under the issuer: {@code /.well-known/openid-configuration},
 * {@code /oauth2/jwks}, {@code /oauth2/token}, {@code /oauth2/authorize},
 * {@code /userinfo}, and the login form {@code /login}.
 *
 * <p>
 * Embedded in tests and in the local stack: <pre>{@code
 * try (var identity = AuthorizationServer.start(IdentitySettings.defaults().withPort(0))) {
 *     URI issuer = identity.issuer();        // http://localhost:<port>
 *     URI jwks = identity.jwkSetUri();       // what the services validate against
 *     // POST identity.tokenUri() with customer-c-42:demo, grant_type=client_credentials
 * }
 * }</pre> Standalone: {@link AuthorizationServerMain}.
 *
 * <p>
 * Embeddable both ways round. It starts a Spring context of its own from an explicit list
 * of configuration ({@link AuthorizationServerConfiguration}), not
 * {@code @SpringBootApplication}: no auto-configuration of whatever else is on the class
 * path (Kafka, a DataSource, the services' own), no {@code application.yml} of the
 * embedding project, no system property or environment variable of its JVM: it is
 * configured by {@link IdentitySettings} only. And this module brings Spring
 * Authorization Server as a library, not Boot's
 * {@code spring-boot-starter-security-oauth2-authorization-server}, whose
 * auto-configuration would add a random {@code JWKSource}, a {@code JwtDecoder} and
 * {@code AuthorizationServerSettings} to every other web application on the same class
 * path, e.g. a service whose tests start this server (proved by
 * {@code AuthorizationServerStaysOutOfOtherApplicationsIT}).
 */
public final class AuthorizationServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationServer.class);

	/**
	 * Port 0 is resolved before start (the issuer names the port); a lost race retries.
	 */
	private static final int ATTEMPTS_ON_A_FREE_PORT = 3;

	private final AnnotationConfigServletWebServerApplicationContext context;

	private final URI issuer;

	private final int port;

	private AuthorizationServer(AnnotationConfigServletWebServerApplicationContext context, URI issuer) {
		this.context = context;
		this.issuer = issuer;
		this.port = context.getWebServer().getPort();
	}

	/**
	 * Starts a server and returns once it answers.
	 * @throws IllegalStateException when the signing key file is not a private RSA JWK
	 * @throws UncheckedIOException when the signing key file cannot be read or written
	 * @throws PortInUseException when the port is taken
	 */
	public static AuthorizationServer start(IdentitySettings settings) {
		SigningKey signingKey = SigningKey.from(settings.keyFile());
		for (int attempt = 1;; attempt++) {
			int port = (settings.address().getPort() != 0) ? settings.address().getPort()
					: freePort(settings.address());
			IdentitySettings resolved = settings.withPort(port).withIssuer(settings.issuerOn(port));
			try {
				AuthorizationServer server = new AuthorizationServer(run(resolved, signingKey), resolved.issuer());
				log.info("Authorization server {} listening on {}:{}, signing key {} {}", server.issuer,
						resolved.address().getHostString(), server.port, signingKey.keyId(), signingKey.origin());
				return server;
			}
			catch (PortInUseException ex) {
				if (settings.address().getPort() != 0 || attempt == ATTEMPTS_ON_A_FREE_PORT) {
					throw ex;
				}
			}
		}
	}

	private static AnnotationConfigServletWebServerApplicationContext run(IdentitySettings settings,
			SigningKey signingKey) {
		var context = new AnnotationConfigServletWebServerApplicationContext();
		// no property source at all: nothing of the embedding JVM's configuration applies
		context.setEnvironment(new AbstractEnvironment() {
		});
		context.registerBean(IdentitySettings.class, () -> settings);
		context.registerBean(SigningKey.class, () -> signingKey);
		context.register(AuthorizationServerConfiguration.class);
		try {
			context.refresh();
			return context;
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	private static int freePort(InetSocketAddress address) {
		try (ServerSocket socket = new ServerSocket(0, 1, address.getAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + address.getHostString(), ex);
		}
	}

	/** For the test that nothing but its own configuration is in it. */
	ConfigurableApplicationContext context() {
		return context;
	}

	/** The {@code iss} of every token, e.g. {@code http://localhost:9000}. */
	public URI issuer() {
		return issuer;
	}

	/** Where the services fetch the public signing keys. */
	public URI jwkSetUri() {
		return endpoint("/oauth2/jwks");
	}

	/** Where clients get tokens (client credentials, authorization code). */
	public URI tokenUri() {
		return endpoint("/oauth2/token");
	}

	/** The port actually listened on, also when started with port 0. */
	public int port() {
		return port;
	}

	private URI endpoint(String path) {
		return issuer.resolve(path);
	}

	/**
	 * Adds a customer, with its {@code customer-<id>} client, while the server runs: for
	 * tests and load generators that need customers of their own (a recipient a mail
	 * server refuses, one customer per test). Stops with the server, like everything it
	 * holds.
	 */
	public void register(Customer customer) {
		context.getBean(Directory.class).register(customer);
	}

	/** Stops listening; tokens already given out stay valid where the key is known. */
	public void stop() {
		context.close();
	}

	@Override
	public void close() {
		stop();
	}

}
