package io.orderflow.events;

import java.net.URL;
import java.util.Optional;

/**
 * The published JSON Schema of every wire type, a resource of this jar
 * ({@code schemas/<wire type>.schema.json}, generated from the records and committed: see
 * README.md), and what a change that would break one needs instead. Plain resource
 * lookup, so that a consumer's contract test checks its fixtures against the schema its
 * build depends on, wherever the consumer is built.
 */
public final class PublishedSchemas {

	public static final String DIRECTORY = "schemas";

	public static final String SUFFIX = ".schema.json";

	/**
	 * The system property with which this module's schema tests rewrite the committed
	 * schemas.
	 */
	public static final String WRITE_PROPERTY = "orderflow.schemas.write";

	/** Rewrites the committed schemas from the records (from the repository root). */
	public static final String REGENERATE_COMMAND = "./mvnw -pl shared-events test -D" + WRITE_PROPERTY + "=true";

	/** What to do instead of a breaking change. */
	public static final String NEW_VERSION_ADVICE = "A breaking change needs a new event version: add a new record"
			+ " registered under the next wire type (e.g. orderflow.order.placed.v2), publish both until every"
			+ " consumer reads the new one, and leave the published schema of the old version as it is.";

	private PublishedSchemas() {
	}

	/**
	 * The schema's resource name, e.g.
	 * {@code schemas/orderflow.order.placed.v1.schema.json}.
	 */
	public static String resourceOf(String type) {
		return DIRECTORY + "/" + type + SUFFIX;
	}

	/**
	 * The published schema of a wire type on the classpath; empty when none is published.
	 */
	public static Optional<URL> find(String type) {
		return Optional.ofNullable(PublishedSchemas.class.getClassLoader().getResource(resourceOf(type)));
	}

}
