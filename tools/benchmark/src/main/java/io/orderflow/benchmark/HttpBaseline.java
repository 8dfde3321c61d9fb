package io.orderflow.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.orderflow.probes.http.EmbeddedHttpServer;

/**
 * The cost of HTTP alone on this machine: a JDK {@code HttpServer} whose one endpoint
 * answers 204 without work, driven by the same JDK {@code HttpClient} the load generator
 * uses, by {@value #CLIENTS} concurrent clients in a closed loop for a fixed time. Its
 * rate is the ceiling of any HTTP endpoint here, Spring's included.
 */
final class HttpBaseline {

	private static final int CLIENTS = 16;

	record Result(long requests, double seconds, double requestsPerSecond, int clients) {
	}

	private HttpBaseline() {
	}

	static Result run(Duration duration) throws IOException, InterruptedException {
		// a bare handler, not a router: the baseline is the server and the client,
		// without any work of ours
		EmbeddedHttpServer server = EmbeddedHttpServer.start("http-baseline", new InetSocketAddress("127.0.0.1", 0),
				1024, exchange -> {
					exchange.getRequestBody().readAllBytes();
					exchange.sendResponseHeaders(204, -1);
					exchange.close();
				});
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			URI uri = server.baseUri().resolve("/noop");
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
			AtomicLong requests = new AtomicLong();
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			List<Future<?>> loops = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				loops.add(clients.submit(() -> {
					while (System.nanoTime() < end) {
						http.send(request, HttpResponse.BodyHandlers.discarding());
						requests.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> loop : loops) {
				try {
					loop.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw new IOException("The HTTP baseline failed", ex.getCause());
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return new Result(requests.get(), seconds, requests.get() / seconds, CLIENTS);
		}
		finally {
			http.close();
			server.close();
		}
	}

}
