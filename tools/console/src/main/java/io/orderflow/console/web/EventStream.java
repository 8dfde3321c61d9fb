package io.orderflow.console.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The pages connected over server-sent events, each with a small queue of messages to
 * send. A page that cannot keep up is disconnected rather than buffered without bound;
 * its browser reconnects by itself and starts again from a fresh snapshot.
 */
final class EventStream {

	static final int MAX_CLIENTS = 32;

	static final int QUEUE = 64;

	private static final byte[] CLOSED = new byte[0];

	private final Set<Client> clients = ConcurrentHashMap.newKeySet();

	/** One connected page. */
	static final class Client {

		private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);

		private volatile boolean closed;

		/**
		 * The next message to write, {@code null} when none came within {@code wait}
		 * (time for a heartbeat), or an empty array once the stream is closed.
		 */
		byte[] next(Duration wait) throws InterruptedException {
			if (closed) {
				return CLOSED;
			}
			return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
		}

		private void offer(byte[] message) {
			if (!queue.offer(message)) {
				close();
			}
		}

		void close() {
			closed = true;
			queue.clear();
			queue.offer(CLOSED);
		}

	}

	/**
	 * A registered client, or {@code null} when {@value #MAX_CLIENTS} pages are connected
	 * already.
	 */
	Client connect(byte[] first) {
		if (clients.size() >= MAX_CLIENTS) {
			return null;
		}
		Client client = new Client();
		client.offer(first);
		clients.add(client);
		return client;
	}

	void disconnect(Client client) {
		clients.remove(client);
		client.close();
	}

	void broadcast(byte[] message) {
		for (Client client : clients) {
			client.offer(message);
			if (client.closed) {
				clients.remove(client);
			}
		}
	}

	int size() {
		return clients.size();
	}

	void closeAll() {
		clients.forEach(Client::close);
		clients.clear();
	}

	/** One server-sent event: a name and one line of JSON. */
	static byte[] message(String event, byte[] json) {
		byte[] head = ("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8);
		byte[] message = new byte[head.length + json.length + 2];
		System.arraycopy(head, 0, message, 0, head.length);
		System.arraycopy(json, 0, message, head.length, json.length);
		message[message.length - 2] = '\n';
		message[message.length - 1] = '\n';
		return message;
	}

}
