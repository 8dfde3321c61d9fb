package io.orderflow.benchmark;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComponentCpuTest {

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
		var before = new ComponentCpu.Reading(Map.of("order-service", 10.0, ComponentCpu.POSTGRES, 5.0), 100, 50);
		var after = new ComponentCpu.Reading(Map.of("order-service", 12.0, ComponentCpu.POSTGRES, 6.0), 104, 54);

		Map<String, Double> perOrder = after.msPerOrder(before, 1000);

		assertThat(perOrder).containsEntry("order-service", 2.0)
			.containsEntry(ComponentCpu.POSTGRES, 1.0)
			.containsEntry(ComponentCpu.MACHINE_UNACCOUNTED, 1.0);
		assertThat(after.idleShare(before)).isCloseTo(0.5, within(0.001));
	}

	@Test
	void measuresThisJvmByComponentWithoutLosingAnyOfItsTime() {
		ComponentCpu.Reading reading = ComponentCpu.read(Map.of(), -1);

		double jvm = reading.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
		assertThat(reading.seconds()).containsKeys(ComponentCpu.BROKER, ComponentCpu.BENCHMARK_JIT_GC,
				ComponentCpu.BENCHMARK_OTHER);
		assertThat(jvm).isPositive();
		assertThat(reading.machineBusySeconds()).isGreaterThanOrEqualTo(jvm);
	}

}
