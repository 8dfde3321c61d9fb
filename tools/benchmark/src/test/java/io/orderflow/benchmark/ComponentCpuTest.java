package io.orderflow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class ComponentCpuTest {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** At most the 15 characters Linux keeps of a thread's name. */
	private static final String ENDED_THREAD = "benchmark-ended";

	@Test
	void tellsTheBenchmarkJvmsThreadsApartByTheirLinuxNames() {
		// Linux keeps the first 15 characters of a thread's name
		assertThat(ComponentCpu.component("data-plane-kafk")).isEqualTo(ComponentCpu.BROKER);
		assertThat(ComponentCpu.component("kafka-1-raft-io")).isEqualTo(ComponentCpu.BROKER);
		assertThat(ComponentCpu.component("ExpirationReape")).isEqualTo(ComponentCpu.BROKER);
		assertThat(ComponentCpu.component("kafka-admin-cli")).isEqualTo(ComponentCpu.LOAD);
		assertThat(ComponentCpu.component("HttpClient-1-Se")).isEqualTo(ComponentCpu.LOAD);
		assertThat(ComponentCpu.component("benchmark-event")).isEqualTo(ComponentCpu.LOAD);
		assertThat(ComponentCpu.component("smtp:127.0.0.1:")).isEqualTo(ComponentCpu.SMTP);
		assertThat(ComponentCpu.component("HTTP-Dispatcher")).isEqualTo(ComponentCpu.HTTP_SERVERS);
		assertThat(ComponentCpu.component("ForkJoinPool-1-")).isEqualTo(ComponentCpu.VIRTUAL_THREADS);
		assertThat(ComponentCpu.component("C2 CompilerThre")).isEqualTo(ComponentCpu.BENCHMARK_JIT_GC);
		assertThat(ComponentCpu.component("G1 Conc#0")).isEqualTo(ComponentCpu.BENCHMARK_JIT_GC);
		assertThat(ComponentCpu.component("main")).isEqualTo(ComponentCpu.BENCHMARK_OTHER);
	}

	@Test
	void readsUserAndSystemTimeAfterACommandNameWithSpacesAndParentheses() {
		// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
		// cmajflt utime stime cutime cstime ...
		String stat = "4242 (C2 Compiler (x)) S 1 4242 4242 0 -1 4194304 10 0 0 0 150 30 7 3 20 0 1 0";

		assertThat(ComponentCpu.ticks(stat, false)).isEqualTo(180);
		assertThat(ComponentCpu.ticks(stat, true)).isEqualTo(190);
	}

	@Test
	void perOrderFiguresAddUpToWhatTheMachineWasBusyWith() {
		// ticks of 1/100 s; thread 7 ran throughout, thread 8 started and thread 9 ended
		// during the step
		var before = new ComponentCpu.Reading(Map.of("order-service", 1000L, ComponentCpu.POSTGRES, 500L),
				Map.of("order-service", 400L), 300, Map.of(7L, new ComponentCpu.ThreadTicks(ComponentCpu.BROKER, 100),
						9L, new ComponentCpu.ThreadTicks(ComponentCpu.SMTP, 50)),
				10_000, 5_000, 40);
		var after = new ComponentCpu.Reading(Map.of("order-service", 1200L, ComponentCpu.POSTGRES, 600L),
				Map.of("order-service", 450L), 360, Map.of(7L, new ComponentCpu.ThreadTicks(ComponentCpu.BROKER, 130),
						8L, new ComponentCpu.ThreadTicks(ComponentCpu.LOAD, 20)),
				10_400, 5_400, 50);

		Map<String, Double> perOrder = after.msPerOrder(before, 100);

		// 10 ms a tick, per 100 orders: a tick is 0.1 ms per order
		assertThat(perOrder).containsEntry("order-service", 20.0)
			.containsEntry(ComponentCpu.POSTGRES, 10.0)
			.containsEntry(ComponentCpu.BROKER, 3.0)
			.containsEntry(ComponentCpu.LOAD, 2.0)
			.containsEntry(ComponentCpu.SMTP, 0.0)
			// the JVM used 60 ticks, its live threads 50: the ended thread's 10 are
			// "other"
			.containsEntry(ComponentCpu.BENCHMARK_OTHER, 1.0)
			// the machine was busy 400 ticks, the components used 360
			.containsEntry(ComponentCpu.MACHINE_UNACCOUNTED, 4.0)
			.containsEntry(ComponentCpu.MACHINE_STEAL, 1.0);
		assertThat(after.idleShare(before)).isCloseTo(400.0 / 810, within(0.01));
		// a part of the service's 20 ms, not beside it
		assertThat(after.serviceJitGcMsPerOrder(before, 100)).containsExactly(entry("order-service", 5.0));
	}

	@Test
	void aServicesJitAndCollectorArePartOfItsTime() {
		long self = ProcessHandle.current().pid();

		ComponentCpu.Reading reading = ComponentCpu.read(Map.of("this-jvm", self), -1);

		// this JVM has compiled the test's classes by now
		assertThat(reading.serviceJitGc().get("this-jvm")).isPositive()
			.isLessThanOrEqualTo(reading.processes().get("this-jvm"));
	}

	@Test
	void measuresAThreadOfThisJvmInItsComponentAndLosesNoneOfTheJvmsTime() throws Exception {
		ComponentCpu.Reading before = ComponentCpu.read(Map.of(), -1);
		// spins until it has used 300 ms of CPU, however busy the machine is
		Thread spinning = Thread.ofPlatform().name(ENDED_THREAD).start(() -> {
			long deadline = System.nanoTime() + 10_000_000_000L;
			long sum = 0;
			while (THREADS.getCurrentThreadCpuTime() < 300_000_000L && System.nanoTime() < deadline) {
				sum += System.nanoTime() % 7;
			}
			assertThat(sum).isNotNegative();
		});
		spinning.join();
		// join returns once the thread has ended for Java; Linux lists it a moment
		// longer, and while it does, its time counts as a live thread's
		awaitGoneFromProc(ENDED_THREAD);
		ComponentCpu.Reading after = ComponentCpu.read(Map.of(), -1);

		Map<String, Double> perOrder = after.msPerOrder(before, 1);

		// it spun for 300 ms and has ended: its time is in "other" (ended threads); a
		// live spinning thread would be in "load"
		double jvmMs = (after.benchmarkJvm() - before.benchmarkJvm()) * 10.0;
		double componentsMs = perOrder.entrySet()
			.stream()
			.filter(entry -> !entry.getKey().equals(ComponentCpu.MACHINE_UNACCOUNTED)
					&& !entry.getKey().equals(ComponentCpu.MACHINE_STEAL))
			.mapToDouble(Map.Entry::getValue)
			.sum();
		assertThat(jvmMs).isGreaterThanOrEqualTo(250);
		// within a tick or two: the threads and the whole are read one after the other
		assertThat(componentsMs).isCloseTo(jvmMs, within(20.0));
		assertThat(perOrder.get(ComponentCpu.BENCHMARK_OTHER)).isGreaterThanOrEqualTo(250);
	}

	@Test
	void attributesALiveThreadToItsComponent() throws Exception {
		var stop = new java.util.concurrent.atomic.AtomicBoolean();
		Thread spinning = Thread.ofPlatform().name("benchmark-spin").start(() -> {
			long sum = 0;
			while (!stop.get()) {
				sum += System.nanoTime() % 7;
			}
			assertThat(sum).isNotNegative();
		});
		try {
			ComponentCpu.Reading before = ComponentCpu.read(Map.of(), -1);
			// until it has used 300 ms more of CPU, however busy the machine is
			long from = THREADS.getThreadCpuTime(spinning.threadId());
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (THREADS.getThreadCpuTime(spinning.threadId()) - from < 300_000_000L
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			ComponentCpu.Reading after = ComponentCpu.read(Map.of(), -1);

			assertThat(after.msPerOrder(before, 1).get(ComponentCpu.LOAD)).isGreaterThanOrEqualTo(200);
		}
		finally {
			stop.set(true);
			spinning.join();
		}
	}

	private static void awaitGoneFromProc(String threadName) throws Exception {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (listsThread(threadName)) {
			assertThat(System.nanoTime()).as("thread %s still listed in /proc", threadName).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private static boolean listsThread(String threadName) throws IOException {
		try (var tasks = Files.list(Path.of("/proc/self/task"))) {
			return tasks.anyMatch(task -> {
				try {
					return Files.readString(task.resolve("comm")).strip().equals(threadName);
				}
				catch (IOException ended) {
					return false;
				}
			});
		}
	}

}
