package io.orderflow.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page: one HTML file, one stylesheet, one script, read from the jar once. Nothing
 * comes from anywhere else, so the console works offline, and the Content-Security-Policy
 * says so to the browser.
 */
final class StaticAssets {

	/** Only what the console itself serves; inline scripts and styles are refused too. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	record Asset(String contentType, byte[] bytes) {
	}

	private final Map<String, Asset> byPath;

	StaticAssets() {
		Asset page = load("index.html", "text/html; charset=utf-8");
		this.byPath = Map.of("/", page, "/index.html", page, "/console.css",
				load("console.css", "text/css; charset=utf-8"), "/console.js",
				load("console.js", "text/javascript; charset=utf-8"));
	}

	/** Each asset by the path it is served at. */
	Map<String, Asset> byPath() {
		return byPath;
	}

	private static Asset load(String name, String contentType) {
		try (InputStream in = StaticAssets.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The console's " + name + " is missing from its jar");
			}
			return new Asset(contentType, in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
