package io.orderflow.embedded.network;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Whether a test class that creates {@link IsolatedHost isolated hosts} runs here: it is
 * skipped where network namespaces cannot be created (not root, no iproute2), unless
 * {@code -Dorderflow.netns.required=true} (as CI sets) makes that a failure.
 */
final class NetworkNamespaces {

	private NetworkNamespaces() {
	}

	static void requireOrSkip(Class<?> testClass) {
		IsolatedHost.unavailable().ifPresent(why -> {
			if (Boolean.getBoolean("orderflow.netns.required")) {
				fail(why);
			}
			// the build's summary does not show why a class was aborted before its tests
			System.err.println(testClass.getSimpleName() + " SKIPPED: " + why);
			Assumptions.abort("Network namespace tests skipped: " + why);
		});
	}

}
