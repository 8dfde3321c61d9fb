package io.orderflow.probes.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's own HTTP server with one virtual thread per request, so that a slow answer
 * never holds up the others, and a server starts in milliseconds inside whatever embeds
 * it. Every path goes to the one handler, usually a {@link Router}.
 */
public final class EmbeddedHttpServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicBoolean closed = new AtomicBoolean();

	private EmbeddedHttpServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Starts listening; port 0 picks a free port.
	 * @param name names the request threads ({@code <name>-http-<n>}) and the error
	 * @param backlog connections the system queues before refusing more; 0 for its
	 * default
	 * @throws UncheckedIOException when the address cannot be bound
	 */
	public static EmbeddedHttpServer start(String name, InetSocketAddress address, int backlog, HttpHandler handler) {
		HttpServer server;
		try {
			server = HttpServer.create(address, backlog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(name + " cannot listen on " + address, ex);
		}
		ExecutorService executor = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-http-", 0).factory());
		server.createContext("/", handler);
		server.setExecutor(executor);
		server.start();
		return new EmbeddedHttpServer(server, executor);
	}

	/** The port actually listened on, also when started with port 0. */
	public int port() {
		return server.getAddress().getPort();
	}

	/**
	 * The base URI clients use, without a trailing slash, e.g.
	 * {@code http://127.0.0.1:8090}.
	 */
	public URI baseUri() {
		InetAddress address = server.getAddress().getAddress();
		String host;
		if (address.isAnyLocalAddress()) {
			// listening everywhere: loopback is the address that certainly reaches it
			host = (address instanceof Inet6Address) ? "[::1]" : "127.0.0.1";
		}
		else if (address instanceof Inet6Address) {
			host = "[" + address.getHostAddress().split("%", 2)[0] + "]";
		}
		else {
			host = address.getHostAddress();
		}
		return URI.create("http://" + host + ":" + port());
	}

	/** Stops listening at once; requests still running are interrupted. */
	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			server.stop(0);
			executor.shutdownNow();
		}
	}

}
