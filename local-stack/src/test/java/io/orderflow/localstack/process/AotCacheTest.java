package io.orderflow.localstack.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache only ever makes a start faster: whatever fails while preparing it, the service starts from its jar. */
class AotCacheTest {

	@Test
	void jarThatCannotBeExtractedFallsBackToTheExecutableJarAndSaysWhy(@TempDir Path target) throws Exception {
		Path notAJar = Files.writeString(target.resolve("service-exec.jar"), "not a zip file");
		Path log = target.resolve("logs").resolve("service.log");

		var launch = AotCache.prepare(notAJar, List.of("-Xmx96m"), List.of("--spring.main.banner-mode=off"), log);

		assertThat(launch).isEmpty();
		assertThat(Files.readString(log)).contains("orderflow local stack: extract")
			.contains("AOT cache unavailable, starting from the executable jar");
		assertThat(target.resolve("aot")).isDirectory();
		try (var builds = Files.list(target.resolve("aot"))) {
			assertThat(builds).allSatisfy(build -> assertThat(build.resolve("app.aot")).doesNotExist());
		}
	}

}
