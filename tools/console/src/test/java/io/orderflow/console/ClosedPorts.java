package io.orderflow.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/** Where nothing listens: a service that is gone, for the tests. */
public final class ClosedPorts {

	private ClosedPorts() {
	}

	/** A port that was free a moment ago and is closed again. */
	public static int port() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code http://127.0.0.1:} a closed port. */
	public static URI uri() {
		return URI.create("http://127.0.0.1:" + port());
	}

}
