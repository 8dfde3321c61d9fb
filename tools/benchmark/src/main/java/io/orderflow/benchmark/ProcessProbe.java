package io.orderflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory and CPU time from Linux's {@code /proc}. CPU time is
 * utime + stime in clock ticks of 1/100 s (USER_HZ, 100 on Linux x86-64;
 * {@code getconf CLK_TCK}).
 */
final class ProcessProbe {

	private static final double TICKS_PER_SECOND = 100.0;

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

	/** User plus system CPU seconds the process has used so far, or NaN. */
	static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			// the command name (field 2) may contain spaces: count fields after its
			// closing parenthesis
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long utime = Long.parseLong(fields[11]);
			long stime = Long.parseLong(fields[12]);
			return (utime + stime) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
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
