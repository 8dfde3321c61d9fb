package io.orderflow.systemtest.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics the Grafana dashboards and the Prometheus alert rules may read, one name
 * per line in {@code deploy/docker/metrics-contract.txt}: what the static checks hold the
 * dashboards to and what the running services must expose.
 */
public final class MetricsContract {

	public static final String FILE = "deploy/docker/metrics-contract.txt";

	private MetricsContract() {
	}

	/** The contract's metric names; blank lines and {@code #} comments are not names. */
	public static Set<String> names() throws IOException {
		Set<String> names = new TreeSet<>();
		for (String line : Files.readAllLines(RepositoryFiles.path(FILE))) {
			String name = line.strip();
			if (!name.isEmpty() && !name.startsWith("#")) {
				names.add(name);
			}
		}
		return names;
	}

}
