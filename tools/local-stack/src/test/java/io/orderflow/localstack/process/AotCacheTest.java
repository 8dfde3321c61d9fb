package io.orderflow.localstack.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache only ever makes a start faster: whatever fails while preparing it, the
 * service starts from its jar.
 */
class AotCacheTest {

	@Test
	void jarThatCannotBeExtractedFallsBackToTheExecutableJarAndSaysWhy(@TempDir Path target) throws Exception {
		Path notAJar = Files.writeString(target.resolve("service-exec.jar"), "not a zip file");
		Path log = target.resolve("logs").resolve("service.log");

		var launch = AotCache.prepare(notAJar, List.of("-Xmx96m"), List.of("--spring.main.banner-mode=off"), Map.of(),
				log);

		assertThat(launch).isEmpty();
		assertThat(Files.readString(log)).contains("orderflow local stack: extract")
			.contains("AOT cache unavailable, starting from the executable jar");
		assertThat(target.resolve("aot")).isDirectory();
		try (var builds = Files.list(target.resolve("aot"))) {
			assertThat(builds).allSatisfy(build -> assertThat(build.resolve("app.aot")).doesNotExist());
		}
	}

	@Test
	void anotherBuildKeepsTheTwoNewestEarlierCachesAndDeletesTheRest(@TempDir Path target) throws Exception {
		Path jar = Files.writeString(target.resolve("service-exec.jar"), "a new build");
		Path aot = Files.createDirectories(target.resolve("aot"));
		for (int age = 1; age <= 4; age++) {
			Path build = Files.createDirectories(aot.resolve("build-" + age).resolve("application"));
			Files.writeString(build.resolve("service-exec.jar"), "build " + age);
			Files.setLastModifiedTime(aot.resolve("build-" + age),
					FileTime.from(Instant.now().minus(Duration.ofHours(age))));
		}

		AotCache.prepare(jar, List.of(), List.of(), Map.of(), target.resolve("service.log"));

		try (var builds = Files.list(aot)) {
			assertThat(builds.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("build-")))
				.containsExactlyInAnyOrder("build-1", "build-2");
		}
	}

}
