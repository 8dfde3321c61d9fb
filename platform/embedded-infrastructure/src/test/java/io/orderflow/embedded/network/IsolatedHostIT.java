package io.orderflow.embedded.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderflow.embedded.network.IsolatedHost.Link;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An isolated host reaches the machine over its links and nothing else; two coexist, each
 * with its own addresses; closing one, or finding one a dead JVM left, deletes it with
 * its links.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class IsolatedHostIT {

	@BeforeAll
	static void requireNetworkNamespaces() {
		NetworkNamespaces.requireOrSkip(IsolatedHostIT.class);
	}

	@Test
	void aProcessInsideReachesServersOnItsLinksButNotTheMachinesLoopback() throws Exception {
		try (IsolatedHost host = IsolatedHost.create();
				ServerSocket onLink = new ServerSocket(0, 5, InetAddress.getByName(host.hostAddress(Link.OTHER)));
				ServerSocket onLoopback = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			assertThat(connectsFromInside(host, host.hostAddress(Link.OTHER), onLink.getLocalPort())).isTrue();
			assertThat(connectsFromInside(host, "127.0.0.1", onLoopback.getLocalPort())).isFalse();
			assertThat(run(host.command(List.of("ip", "-o", "-4", "addr", "show"))))
				.contains(inet(host.namespaceAddress(Link.BROKER)), inet(host.namespaceAddress(Link.DATABASE)),
						inet(host.namespaceAddress(Link.OTHER)), inet("127.0.0.1"))
				.doesNotContain(inet(host.hostAddress(Link.BROKER)));
		}
	}

	@Test
	void twoHostsCoexistAndCloseWithTheirLinks() throws Exception {
		IsolatedHost first = IsolatedHost.create();
		IsolatedHost second = IsolatedHost.create();
		try {
			assertThat(second.name()).isNotEqualTo(first.name());
			assertThat(second.hostAddress(Link.BROKER)).isNotEqualTo(first.hostAddress(Link.BROKER));
			assertThat(IpCommand.run("netns", "list")).contains(first.name(), second.name());
		}
		finally {
			first.close();
			second.close();
		}
		assertThat(IpCommand.run("netns", "list")).doesNotContain(first.name(), second.name());
		assertThat(IpCommand.run("-o", "-4", "addr", "show")).doesNotContain(inet(first.hostAddress(Link.BROKER)),
				inet(second.hostAddress(Link.BROKER)));
		assertThatIllegalStateException().isThrownBy(() -> first.cut(Link.BROKER));
	}

	@Test
	void theHostOfAJvmThatIsGoneIsDeletedWhenTheNextIsCreated() {
		// above any pid_max Linux allows: no such process
		String stale = "of-99999999-7";
		IpCommand.run("netns", "add", stale);
		try (IsolatedHost host = IsolatedHost.create()) {
			assertThat(IpCommand.run("netns", "list")).contains(host.name()).doesNotContain(stale);
		}
		finally {
			IpCommand.attempt("netns", "delete", stale);
		}
	}

	/** The address as {@code ip addr} shows it: not 10.201.0.1 in 10.201.0.10. */
	private static String inet(String address) {
		return "inet " + address + "/";
	}

	private static boolean connectsFromInside(IsolatedHost host, String address, int port) throws Exception {
		Process bash = new ProcessBuilder(
				host.command(List.of("timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/" + address + "/" + port)))
			.redirectErrorStream(true)
			.start();
		return bash.waitFor(10, TimeUnit.SECONDS) && bash.exitValue() == 0;
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
