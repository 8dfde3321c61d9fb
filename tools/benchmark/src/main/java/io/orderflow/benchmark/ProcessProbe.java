package io.orderflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory from Linux's {@code /proc} (its CPU time:
 * {@link ComponentCpu}).
 */
final class ProcessProbe {

	private ProcessProbe() {
	}

	/** VmRSS in MiB, or NaN when the process is gone or this is not Linux. */
	static double rssMib(long pid) {
		return statusField(pid, "VmRSS:");
	}

	/** VmHWM, the peak resident set since the process started, in MiB. */
	static double peakRssMib(long pid) {
		return statusField(pid, "VmHWM:");
	}

	private static double statusField(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024.0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// gone, or not Linux
		}
		return Double.NaN;
	}

}
