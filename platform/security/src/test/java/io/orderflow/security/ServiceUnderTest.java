package io.orderflow.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link SecuredApplication} started as order-service would be, against an identity
 * provider, and requests to it as a client sends them.
 */
final class ServiceUnderTest implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext context;

	private ServiceUnderTest(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static ServiceUnderTest start(IdentityProvider provider, Path jwkSetCopy, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.application.name=order-service", "spring.main.banner-mode=off",
				"spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer(),
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + provider.jwkSetUri(),
				"management.endpoints.web.exposure.include=health,info,prometheus"));
		if (jwkSetCopy != null) {
			all.add("orderflow.security.jwk-set-copy=" + jwkSetCopy);
		}
		all.addAll(List.of(properties));
		return new ServiceUnderTest(
				new SpringApplicationBuilder(SecuredApplication.class).properties(all.toArray(String[]::new)).run());
	}

	int port() {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	int managementPort() {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
	}

	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	HttpResponse<String> get(String path, String token) {
		return send(request(port(), path, token).GET().build());
	}

	HttpResponse<String> post(String path, String token) {
		return send(request(port(), path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	HttpResponse<String> getOnManagementPort(String path, String token) {
		return send(request(managementPort(), path, token).GET().build());
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(int port, String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	@Override
	public void close() {
		context.close();
	}

}
