package io.orderflow.embedded.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iproute2's {@code ip}, run and waited for: every change an {@link IsolatedHost} makes
 * to the machine's network goes through it.
 */
final class IpCommand {

	private static final long TIMEOUT_SECONDS = 10;

	private IpCommand() {
	}

	/**
	 * Runs {@code ip <arguments>}.
	 * @return what it printed
	 * @throws IllegalStateException when it fails, with what it printed
	 */
	static String run(String... arguments) {
		Result result = execute(arguments);
		if (result.exitCode != 0) {
			throw new IllegalStateException(
					"ip " + String.join(" ", arguments) + " failed (" + result.exitCode + "): " + result.output);
		}
		return result.output;
	}

	/** Runs {@code ip <arguments>}; a failure is only reported. */
	static boolean attempt(String... arguments) {
		try {
			return execute(arguments).exitCode == 0;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Result execute(String... arguments) {
		List<String> command = new ArrayList<>(List.of("ip"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			// ip prints little: reading before waiting cannot fill a pipe
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish");
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + String.join(" ", command), ex);
		}
	}

	private record Result(int exitCode, String output) {
	}

}
