package io.orderflow.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.embedded.postgres.PostgresServer;

/**
 * The CPU time of everything a run starts, per component, from Linux's {@code /proc}: so
 * that a reader sees where every millisecond of an order goes, and how far the services
 * are from the cost of the broker and the database alone, the floor no Java code can
 * beat.
 *
 * <ul>
 * <li>each service: its JVM process, and apart from it the part of it its JIT compilers
 * and garbage collector used ({@link Reading#serviceJitGcMsPerOrder}): a JVM that is
 * still compiling spends its CPU on that rather than on orders;</li>
 * <li>PostgreSQL: the postmaster with every backend, including those that ended (the
 * postmaster reaps them, and the kernel adds a reaped child's time to its parent's
 * {@code cutime}/{@code cstime});</li>
 * <li>the benchmark's own JVM, which also hosts the broker, the provider simulator, the
 * SMTP server and the span collector, split by thread name ({@link #component}). Threads
 * that ended between two readings and the JVM's own JIT and GC threads are in lines of
 * their own: nothing is dropped, the lines add up to the process's total;</li>
 * <li>the machine: busy and idle time of all cores ({@code /proc/stat}), so that what no
 * component accounts for shows too.</li>
 * </ul>
 *
 * Times are in clock ticks of 1/100 s (USER_HZ, 100 on Linux x86-64).
 */
final class ComponentCpu {

	static final String POSTGRES = "postgres";

	static final String BROKER = "broker";

	static final String SMTP = "smtp";

	/**
	 * Carriers of the virtual threads: the load's requests and the provider simulator's
	 * and span collector's handlers share them and cannot be told apart.
	 */
	static final String VIRTUAL_THREADS = "virtual threads";

	/**
	 * The load generator's own platform threads: its HTTP client, event tracker and lag
	 * reader.
	 */
	static final String LOAD = "load";

	static final String HTTP_SERVERS = "http servers";

	static final String BENCHMARK_JIT_GC = "jit+gc";

	static final String BENCHMARK_OTHER = "other";

	static final String MACHINE_UNACCOUNTED = "unaccounted";

	static final String MACHINE_STEAL = "steal";

	/** What each line of the report means. */
	static final Map<String, String> LEGEND = legend();

	private static final double TICKS_PER_SECOND = 100.0;

	/**
	 * Thread name prefixes of the benchmark JVM (Linux keeps the first 15 characters of a
	 * thread's name), in the order they are tried: the benchmark's own Kafka clients (an
	 * admin client, a consumer without a group) before the broker's {@code kafka-}
	 * threads.
	 */
	private static final List<Map.Entry<String, String>> THREAD_PREFIXES = List.of(Map.entry("HttpClient-", LOAD),
			Map.entry("benchmark-", LOAD), Map.entry("kafka-admin-cli", LOAD), Map.entry("consumer_backgr", LOAD),
			Map.entry("smtp", SMTP), Map.entry("HTTP-Dispatcher", HTTP_SERVERS), Map.entry("http-nio-", HTTP_SERVERS),
			Map.entry("ForkJoinPool", VIRTUAL_THREADS), Map.entry("C1 CompilerThre", BENCHMARK_JIT_GC),
			Map.entry("C2 CompilerThre", BENCHMARK_JIT_GC), Map.entry("G1 ", BENCHMARK_JIT_GC),
			Map.entry("GC Thread", BENCHMARK_JIT_GC), Map.entry("VM Thread", BENCHMARK_JIT_GC),
			Map.entry("data-plane-kafk", BROKER), Map.entry("kafka-", BROKER), Map.entry("ExpirationReape", BROKER),
			Map.entry("group-coordinat", BROKER), Map.entry("quorum-controll", BROKER), Map.entry("broker-", BROKER),
			Map.entry("controller-", BROKER), Map.entry("share-", BROKER), Map.entry("raft-", BROKER),
			Map.entry("persister-", BROKER), Map.entry("transaction-log", BROKER), Map.entry("executor-", BROKER),
			Map.entry("client-metrics-", BROKER), Map.entry("LogDirFailureHa", BROKER));

	private ComponentCpu() {
	}

	/**
	 * CPU seconds used so far by each component, and the machine's busy and idle seconds.
	 * @param servicePids service name to process id
	 * @param postmasterPid PostgreSQL's postmaster, or -1 when the database is not ours
	 * to see
	 */
	static Reading read(Map<String, Long> servicePids, long postmasterPid) {
		Map<String, Long> processes = new LinkedHashMap<>();
		Map<String, Long> serviceJitGc = new LinkedHashMap<>();
		servicePids.forEach((name, pid) -> {
			serviceJitGc.put(name, jitGcTicks(pid));
			processes.put(name, ticks(stat(pid), false));
		});
		if (postmasterPid > 0) {
			processes.put(POSTGRES, postgresTicks(postmasterPid));
		}
		long self = ProcessHandle.current().pid();
		// the threads before the whole: the whole then holds at least what they used
		Map<Long, ThreadTicks> threads = threads(self);
		long benchmarkJvm = ticks(stat(self), false);
		long[] machine = machineTicks();
		return new Reading(processes, serviceJitGc, benchmarkJvm, threads, machine[0], machine[1], machine[2]);
	}

	/** Ticks so far of a JVM's compiler and collector threads. */
	private static long jitGcTicks(long pid) {
		return threads(pid).values()
			.stream()
			.filter(thread -> thread.component().equals(BENCHMARK_JIT_GC))
			.mapToLong(ThreadTicks::ticks)
			.sum();
	}

	/**
	 * The process id of the server's postmaster, from the first line of
	 * {@code postmaster.pid} in its data directory; -1 without a server to ask.
	 */
	static long postmasterPid(PostgresServer postgres) {
		if (postgres == null) {
			return -1;
		}
		try (Connection connection = postgres.connect("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("show data_directory")) {
			rows.next();
			return Long.parseLong(Files.readAllLines(Path.of(rows.getString(1), "postmaster.pid")).getFirst().strip());
		}
		catch (SQLException | IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** Each live thread of a JVM, by thread id: its component and ticks. */
	private static Map<Long, ThreadTicks> threads(long pid) {
		Map<Long, ThreadTicks> threads = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path task : tasks) {
				try {
					String name = Files.readString(task.resolve("comm")).strip();
					long used = ticks(Files.readString(task.resolve("stat")), false);
					threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTicks(component(name), used));
				}
				catch (IOException ex) {
					// the thread ended meanwhile: its time is in "other"
				}
			}
		}
		catch (IOException ex) {
			// not Linux: no split
		}
		return threads;
	}

	/** The component a thread of the benchmark JVM belongs to. */
	static String component(String threadName) {
		for (Map.Entry<String, String> prefix : THREAD_PREFIXES) {
			if (threadName.startsWith(prefix.getKey())) {
				return prefix.getValue();
			}
		}
		return BENCHMARK_OTHER;
	}

	/**
	 * The postmaster's own time and that of the backends it reaped, plus that of its live
	 * children.
	 */
	private static long postgresTicks(long postmasterPid) {
		long total = ticks(stat(postmasterPid), true);
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				String stat = stat(Long.parseLong(process.getFileName().toString()));
				if (stat != null && parentPid(stat) == postmasterPid) {
					total += ticks(stat, false);
				}
			}
		}
		catch (IOException ex) {
			// not Linux: no figure
		}
		return total;
	}

	private static String stat(long pid) {
		try {
			return Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * The fields after the command name, which may contain spaces: counted from its
	 * closing parenthesis (field 3, the state, is index 0).
	 */
	private static String[] fields(String stat) {
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

	private static long parentPid(String stat) {
		return Long.parseLong(fields(stat)[1]);
	}

	/** utime + stime, and with {@code reapedChildren} cutime + cstime too. */
	static long ticks(String stat, boolean reapedChildren) {
		if (stat == null) {
			return 0;
		}
		String[] fields = fields(stat);
		long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return reapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
	}

	/**
	 * Busy, idle (idle + iowait) and stolen ticks of all cores together, from /proc/stat:
	 * busy is user to softirq; steal, the time a hypervisor gave this machine's cores to
	 * others, is apart, since it makes a machine slower without anything in it working.
	 */
	private static long[] machineTicks() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
			long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
					+ Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
			long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
			return new long[] { busy, idle, steal };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0, 0 };
		}
	}

	private static Map<String, String> legend() {
		Map<String, String> legend = new LinkedHashMap<>();
		legend.put(POSTGRES, "PostgreSQL: postmaster, every backend (ended ones too), background writers");
		legend.put(BROKER, "the Kafka broker's threads (in the benchmark JVM)");
		legend.put(SMTP, "the SMTP server's connection threads (in the benchmark JVM)");
		legend.put(HTTP_SERVERS,
				"the HTTP servers' own threads: provider simulator, span collector, authorization server (in the benchmark JVM)");
		legend.put(VIRTUAL_THREADS,
				"virtual-thread carriers: the load's requests and the provider simulator's and span collector's handlers, which share them");
		legend.put(LOAD, "the load generator's platform threads: HTTP client, event tracker, lag reader");
		legend.put(BENCHMARK_JIT_GC, "JIT compilers and garbage collector of the benchmark JVM, for all of the above");
		legend.put(BENCHMARK_OTHER, "the rest of the benchmark JVM, threads that ended during the step included");
		legend.put(MACHINE_UNACCOUNTED,
				"busy CPU of the machine that none of the above used (other processes, the kernel's own work)");
		legend.put(MACHINE_STEAL,
				"time a hypervisor gave this machine's cores to other machines: not work, but it makes everything slower");
		return Collections.unmodifiableMap(legend);
	}

	/** A thread of the benchmark JVM: its component and the ticks it used so far. */
	record ThreadTicks(String component, long ticks) {
	}

	/**
	 * @param processes ticks so far of each service and of PostgreSQL
	 * @param serviceJitGc ticks so far of each service's JIT compiler and garbage
	 * collector threads, a part of its ticks in {@code processes}
	 * @param benchmarkJvm ticks so far of this JVM as a whole
	 * @param benchmarkThreads this JVM's live threads
	 * @param machineBusy busy ticks of all cores so far (user to softirq)
	 * @param machineIdle idle and I/O wait ticks of all cores so far
	 * @param machineSteal ticks a hypervisor gave this machine's cores to others so far
	 */
	record Reading(Map<String, Long> processes, Map<String, Long> serviceJitGc, long benchmarkJvm,
			Map<Long, ThreadTicks> benchmarkThreads, long machineBusy, long machineIdle, long machineSteal) {

		/**
		 * CPU milliseconds per order of each component from {@code before} to this
		 * reading; what the machine was busy with beyond them
		 * ({@link #MACHINE_UNACCOUNTED}); and the time stolen from it
		 * ({@link #MACHINE_STEAL}). A thread of the benchmark JVM counts for its
		 * component with the time it used since {@code before} (all of it if it started
		 * since); a thread that ended meanwhile left its time in the JVM's total only,
		 * and it goes to {@link #BENCHMARK_OTHER}.
		 */
		Map<String, Double> msPerOrder(Reading before, long orders) {
			Map<String, Long> used = new LinkedHashMap<>();
			processes.forEach((name, ticks) -> used.put(name, ticks - before.processes().getOrDefault(name, ticks)));
			if (!benchmarkThreads.isEmpty()) {
				for (String component : List.of(BROKER, SMTP, HTTP_SERVERS, VIRTUAL_THREADS, LOAD, BENCHMARK_JIT_GC,
						BENCHMARK_OTHER)) {
					used.put(component, 0L);
				}
				long attributed = 0;
				for (Map.Entry<Long, ThreadTicks> thread : benchmarkThreads.entrySet()) {
					ThreadTicks earlier = before.benchmarkThreads().get(thread.getKey());
					long delta = thread.getValue().ticks() - (earlier == null ? 0 : earlier.ticks());
					used.merge(thread.getValue().component(), delta, Long::sum);
					attributed += delta;
				}
				used.merge(BENCHMARK_OTHER, Math.max(0, benchmarkJvm - before.benchmarkJvm() - attributed), Long::sum);
			}
			long accounted = used.values().stream().mapToLong(Long::longValue).sum();
			used.put(MACHINE_UNACCOUNTED, Math.max(0, machineBusy - before.machineBusy() - accounted));
			used.put(MACHINE_STEAL, machineSteal - before.machineSteal());
			Map<String, Double> perOrder = new LinkedHashMap<>();
			used.forEach(
					(name, ticks) -> perOrder.put(name, LoadLadder.round(ticks * 1000 / TICKS_PER_SECOND / orders)));
			return perOrder;
		}

		/**
		 * CPU milliseconds per order that each service's JIT compilers and garbage
		 * collector used from {@code before} to this reading: a part of the service's
		 * figure in {@link #msPerOrder}, not beside it. A compiler thread the JVM ended
		 * meanwhile takes its time along, so this is a lower bound.
		 */
		Map<String, Double> serviceJitGcMsPerOrder(Reading before, long orders) {
			Map<String, Double> perOrder = new LinkedHashMap<>();
			serviceJitGc.forEach((name, ticks) -> perOrder.put(name,
					LoadLadder.round(Math.max(0, ticks - before.serviceJitGc().getOrDefault(name, ticks)) * 1000
							/ TICKS_PER_SECOND / orders)));
			return perOrder;
		}

		/**
		 * The share of the machine's CPU time that was idle since {@code before}; NaN
		 * when no time passed.
		 */
		double idleShare(Reading before) {
			long busy = machineBusy - before.machineBusy();
			long idle = machineIdle - before.machineIdle();
			long steal = machineSteal - before.machineSteal();
			return busy + idle + steal <= 0 ? Double.NaN : LoadLadder.round(idle / (double) (busy + idle + steal));
		}

	}

}
