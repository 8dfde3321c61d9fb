package io.orderflow.embedded.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host of its own for one process of the tests: a Linux network namespace that reaches
 * the rest of the machine only through its {@link Link links}, each a veth pair with a
 * private /30, so that a test can partition it from the broker or the database
 * ({@link #cut}) while it keeps everything else, and {@link #heal} the partition.
 *
 * <p>
 * Host {@code n} uses {@code 10.201.n.0/24}: link {@code i} is {@code 10.201.n.(4i)/30},
 * its {@link #hostAddress host side} (where a server listens for this host) ends in
 * {@code 4i+1}, its {@link #namespaceAddress namespace side} (where the process inside is
 * reached) in {@code 4i+2}. No other route leaves the namespace: it reaches no address
 * outside the machine, and nothing on the host's loopback interface.
 *
 * <p>
 * Needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) and iproute2 ({@link #unavailable()}). A
 * namespace is named {@code of-<pid>-<n>} after the JVM that made it; one whose JVM is
 * gone (a crashed run) is deleted when the next host is created.
 */
public final class IsolatedHost implements AutoCloseable {

	/** The veth pairs of a host, named (inside the namespace) like its constants. */
	public enum Link {

		/** To the Kafka broker. */
		BROKER,

		/** To PostgreSQL. */
		DATABASE,

		/**
		 * Everything but the broker and the database: the test and other callers reach
		 * the process through it (HTTP, management port), and it reaches the stack's
		 * other servers through it (identity, payment provider, SMTP, trace collector).
		 */
		OTHER;

		/** The name of the link's end inside the namespace. */
		String interfaceName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final String PREFIX = "of-";

	private static final int MAX_HOSTS = 256;

	private static final AtomicInteger NEXT_NUMBER = new AtomicInteger();

	private final String name;

	private final int number;

	private final Set<Link> cut = EnumSet.noneOf(Link.class);

	/** The host sides of the links made so far: only those are deleted. */
	private final List<String> hostInterfaces = new ArrayList<>();

	private final Thread cleanUpAtExit;

	private boolean closed;

	private IsolatedHost(String name, int number) {
		this.name = name;
		this.number = number;
		this.cleanUpAtExit = new Thread(this::delete, name + "-cleanup");
	}

	/**
	 * Why no host can be created here (no {@code ip}, not root, no network namespaces),
	 * found by creating and deleting a namespace; empty when hosts can be created.
	 */
	public static Optional<String> unavailable() {
		String probe = PREFIX + ProcessHandle.current().pid() + "-check";
		try {
			IpCommand.run("netns", "add", probe);
			IpCommand.run("netns", "delete", probe);
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.of("network namespaces cannot be created here (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Creates a namespace with its links up and its loopback interface up, after deleting
	 * those of JVMs that are gone.
	 * @throws IllegalStateException when no namespace can be created
	 */
	public static IsolatedHost create() {
		deleteStale();
		for (int attempt = 0; attempt < MAX_HOSTS; attempt++) {
			int number = NEXT_NUMBER.getAndUpdate(current -> (current + 1) % MAX_HOSTS);
			if (hostSideExists(number)
					|| IpCommand.run("-o", "-4", "addr", "show").contains(" " + network(number) + ".")) {
				// another JVM's host, or someone else's network
				continue;
			}
			String name = PREFIX + ProcessHandle.current().pid() + "-" + number;
			if (!IpCommand.attempt("netns", "add", name)) {
				continue;
			}
			IsolatedHost host = new IsolatedHost(name, number);
			try {
				host.connect();
			}
			catch (RuntimeException ex) {
				host.delete();
				if (host.hostInterfaces.isEmpty() && hostSideExists(number)) {
					// another JVM took this number between the check and here
					continue;
				}
				throw ex;
			}
			Runtime.getRuntime().addShutdownHook(host.cleanUpAtExit);
			return host;
		}
		throw new IllegalStateException("No free 10.201.n.0/24 left for another isolated host");
	}

	private void connect() {
		IpCommand.run("-n", name, "link", "set", "lo", "up");
		for (Link link : Link.values()) {
			String hostSide = hostInterface(link);
			String inside = link.interfaceName();
			IpCommand.run("link", "add", hostSide, "type", "veth", "peer", "name", inside, "netns", name);
			hostInterfaces.add(hostSide);
			IpCommand.run("addr", "add", hostAddress(link) + "/30", "dev", hostSide);
			IpCommand.run("link", "set", hostSide, "up");
			IpCommand.run("-n", name, "addr", "add", namespaceAddress(link) + "/30", "dev", inside);
			IpCommand.run("-n", name, "link", "set", inside, "up");
			// Without it, a cut link would answer a new connection at once with "no route
			// to host" (ARP fails); a partition only loses packets, so a connection
			// attempt times out, as it does here with the host side's address known.
			IpCommand.run("-n", name, "neigh", "replace", hostAddress(link), "lladdr", macAddress(hostSide), "dev",
					inside, "nud", "permanent");
		}
	}

	/** The namespace's name, as {@code ip netns} shows it. */
	public String name() {
		return name;
	}

	/**
	 * Where a server listens to be reached from this host over the link (the link's
	 * address on the machine's side).
	 */
	public String hostAddress(Link link) {
		return network(number) + "." + (4 * link.ordinal() + 1);
	}

	/**
	 * Where a process inside is reached over the link, and the address its connections
	 * over that link come from.
	 */
	public String namespaceAddress(Link link) {
		return network(number) + "." + (4 * link.ordinal() + 2);
	}

	/**
	 * Partitions this host from whatever it reaches over the link: the link's host side
	 * goes down. Packets are lost, in both directions, without a reset: an open
	 * connection hangs until its peer gives up, and a new one times out. Connections over
	 * the other links go on.
	 */
	public synchronized void cut(Link link) {
		requireOpen();
		IpCommand.run("link", "set", hostInterface(link), "down");
		cut.add(link);
	}

	/**
	 * Ends the partition of the link: connections that have not given up resume with
	 * TCP's next retransmission.
	 */
	public synchronized void heal(Link link) {
		requireOpen();
		IpCommand.run("link", "set", hostInterface(link), "up");
		cut.remove(link);
	}

	public synchronized boolean isCut(Link link) {
		return cut.contains(link);
	}

	/**
	 * The command, run inside this host: prefixed with {@code ip netns exec <name>}. The
	 * process sees only the namespace's loopback interface and links.
	 */
	public List<String> command(List<String> command) {
		List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", name));
		inside.addAll(command);
		return inside;
	}

	/**
	 * Deletes the links and the namespace. Stop the processes inside first: a process
	 * still inside keeps its namespace alive, though nameless and without links.
	 */
	@Override
	public void close() {
		delete();
		try {
			Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook runs or ran
		}
	}

	private synchronized void delete() {
		if (!closed) {
			closed = true;
			// deleting the host side of a veth pair deletes both ends, even when a
			// process keeps the namespace alive; deleting the namespace deletes the
			// ends inside it otherwise
			hostInterfaces.forEach(hostSide -> IpCommand.attempt("link", "delete", hostSide));
			IpCommand.attempt("netns", "delete", name);
		}
	}

	private synchronized void requireOpen() {
		if (closed) {
			throw new IllegalStateException(name + " is closed");
		}
	}

	private String hostInterface(Link link) {
		return hostInterface(number, link);
	}

	/** At most 15 characters, as Linux wants: {@code of255-database}. */
	private static String hostInterface(int number, Link link) {
		return "of" + number + "-" + link.interfaceName();
	}

	private static String network(int number) {
		return "10.201." + number;
	}

	private static boolean hostSideExists(int number) {
		return Files.exists(Path.of("/sys/class/net", hostInterface(number, Link.BROKER)));
	}

	private static String macAddress(String hostInterface) {
		try {
			return Files.readString(Path.of("/sys/class/net", hostInterface, "address")).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No address of " + hostInterface, ex);
		}
	}

	/**
	 * The hosts of JVMs that are gone: {@code of-<pid>-<n>} with no process {@code pid}.
	 */
	private static void deleteStale() {
		String namespaces;
		try {
			namespaces = IpCommand.run("netns", "list");
		}
		catch (RuntimeException ex) {
			return;
		}
		for (String line : namespaces.lines().toList()) {
			String namespace = line.split(" ", 2)[0];
			String[] parts = namespace.split("-");
			if (parts.length == 3 && namespace.startsWith(PREFIX) && parts[1].matches("\\d{1,10}")
					&& !ProcessHandle.of(Long.parseLong(parts[1])).map(ProcessHandle::isAlive).orElse(false)) {
				// its links go with it (unless a process the dead JVM started still runs
				// inside: then its addresses stay taken until that process ends)
				IpCommand.attempt("netns", "delete", namespace);
			}
		}
	}

}
