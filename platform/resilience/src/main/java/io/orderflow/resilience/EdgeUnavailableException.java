package io.orderflow.resilience;

/**
 * A downstream could not be called or did not answer usefully: nothing was decided, the
 * caller may try later.
 */
public class EdgeUnavailableException extends RuntimeException {

	private final String edge;

	public EdgeUnavailableException(String edge, String reason, Throwable cause) {
		super("'" + edge + "' unavailable: " + reason, cause);
		this.edge = edge;
	}

	public String edge() {
		return edge;
	}

}
