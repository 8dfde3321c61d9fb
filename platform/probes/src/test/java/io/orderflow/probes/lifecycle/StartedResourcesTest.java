package io.orderflow.probes.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartedResourcesTest {

	@Test
	void stopsTheLastStartedFirstAndEveryOneEvenWhenOneFails() {
		List<String> stopped = new ArrayList<>();
		StartedResources resources = new StartedResources();
		resources.add(() -> stopped.add("broker"));
		resources.add(() -> {
			stopped.add("database");
			throw new IllegalStateException("will not stop");
		});
		AutoCloseable console = resources.add(() -> stopped.add("console"));

		resources.close();
		resources.close();

		assertThat(console).isNotNull();
		assertThat(stopped).containsExactly("console", "database", "broker");
	}

}
