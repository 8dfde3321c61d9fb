package io.orderflow.systemtest.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compose project as {@code docker compose -f a.yml -f b.yml} sees it: the files merged
 * in order, the way compose merges the keys these files use. Mappings (environment,
 * depends_on, build args, healthcheck) merge key by key, the later file winning;
 * {@code ports} add up; {@code volumes} merge by their path in the container, so an
 * overlay can replace a mount; any other list or scalar is replaced.
 */
record ComposeProject(String name, Map<String, Service> services, Set<String> namedVolumes,
		Map<String, String> secretFiles) {

	static ComposeProject load(String name, String... files) {
		Map<String, Object> merged = new LinkedHashMap<>();
		for (String file : files) {
			merged = merge(merged, RepositoryFiles.yaml(RepositoryFiles.path(file)), "");
		}
		Map<String, Service> services = new LinkedHashMap<>();
		RepositoryFiles.map(merged.get("services"), "services")
			.forEach((service, definition) -> services.put(service,
					new Service(service, RepositoryFiles.map(definition, service))));
		Map<String, String> secretFiles = new LinkedHashMap<>();
		RepositoryFiles.map(merged.get("secrets"), "secrets")
			.forEach((secret, definition) -> secretFiles.put(secret,
					String.valueOf(RepositoryFiles.map(definition, "secrets." + secret).get("file"))));
		return new ComposeProject(name, services,
				new LinkedHashSet<>(RepositoryFiles.map(merged.get("volumes"), "volumes").keySet()), secretFiles);
	}

	Service service(String name) {
		Service service = services.get(name);
		if (service == null) {
			throw new AssertionError(this.name + " has no service " + name);
		}
		return service;
	}

	Collection<Service> all() {
		return services.values();
	}

	@Override
	public String toString() {
		return name;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay, String path) {
		Map<String, Object> result = new LinkedHashMap<>(base);
		overlay.forEach((key, value) -> {
			Object existing = result.get(key);
			String keyPath = path.isEmpty() ? key : path + "." + key;
			if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
				result.put(key, merge((Map<String, Object>) a, (Map<String, Object>) b, keyPath));
			}
			else if (existing instanceof List<?> a && value instanceof List<?> b && keyPath.endsWith(".ports")) {
				List<Object> ports = new ArrayList<>(a);
				ports.addAll(b);
				result.put(key, ports);
			}
			else if (existing instanceof List<?> a && value instanceof List<?> b && keyPath.endsWith(".volumes")) {
				Map<String, Object> byTarget = new LinkedHashMap<>();
				a.forEach(volume -> byTarget.put(Volume.parse(volume).target(), volume));
				b.forEach(volume -> byTarget.put(Volume.parse(volume).target(), volume));
				result.put(key, new ArrayList<>(byTarget.values()));
			}
			else {
				result.put(key, value);
			}
		});
		return result;
	}

	/** One service of the project. */
	record Service(String name, Map<String, Object> definition) {

		Optional<String> image() {
			return Optional.ofNullable((String) definition.get("image"));
		}

		boolean built() {
			return definition.containsKey("build");
		}

		Map<String, String> buildArgs() {
			Map<String, Object> build = RepositoryFiles.map(definition.get("build"), name + ".build");
			return strings(RepositoryFiles.map(build.get("args"), name + ".build.args"));
		}

		Optional<String> dockerfile() {
			Map<String, Object> build = RepositoryFiles.map(definition.get("build"), name + ".build");
			return Optional.ofNullable((String) build.get("dockerfile"));
		}

		/**
		 * The orderflow module this service's image is built from, if it is built from
		 * one.
		 */
		Optional<String> module() {
			return built() ? Optional.ofNullable(buildArgs().get("MODULE")) : Optional.empty();
		}

		Map<String, String> environment() {
			Object environment = definition.get("environment");
			if (environment instanceof List<?> list) {
				// the KEY=value list form
				Map<String, String> map = new LinkedHashMap<>();
				list.forEach(entry -> {
					String[] parts = String.valueOf(entry).split("=", 2);
					map.put(parts[0], parts.length > 1 ? parts[1] : "");
				});
				return map;
			}
			return strings(RepositoryFiles.map(environment, name + ".environment"));
		}

		Optional<String> env(String variable) {
			return Optional.ofNullable(environment().get(variable));
		}

		List<PortMapping> ports() {
			List<?> ports = (List<?>) definition.getOrDefault("ports", List.of());
			return ports.stream().map(port -> PortMapping.parse(name, String.valueOf(port))).toList();
		}

		List<Volume> volumes() {
			List<?> volumes = (List<?>) definition.getOrDefault("volumes", List.of());
			return volumes.stream().map(Volume::parse).toList();
		}

		/** The secrets mounted into the container. */
		List<SecretMount> secrets() {
			List<?> secrets = (List<?>) definition.getOrDefault("secrets", List.of());
			return secrets.stream().map(SecretMount::parse).toList();
		}

		/** depends_on as service → condition. */
		Map<String, String> dependsOn() {
			Object dependsOn = definition.get("depends_on");
			Map<String, String> conditions = new LinkedHashMap<>();
			if (dependsOn instanceof List<?> list) {
				// the short form: started, not healthy
				list.forEach(service -> conditions.put(String.valueOf(service), "service_started"));
			}
			else {
				RepositoryFiles.map(dependsOn, name + ".depends_on")
					.forEach((service, spec) -> conditions.put(service, String
						.valueOf(RepositoryFiles.map(spec, name + ".depends_on." + service).get("condition"))));
			}
			return conditions;
		}

		/** The restart policy, {@code no} when none is set (compose's default). */
		String restart() {
			return String.valueOf(definition.getOrDefault("restart", "no"));
		}

		Optional<Object> healthcheckTest() {
			return Optional
				.ofNullable(RepositoryFiles.map(definition.get("healthcheck"), name + ".healthcheck").get("test"));
		}

		private static Map<String, String> strings(Map<String, Object> map) {
			Map<String, String> strings = new LinkedHashMap<>();
			map.forEach((key, value) -> strings.put(key, value == null ? "" : String.valueOf(value)));
			return strings;
		}

	}

	/** {@code [host ip:][host port:]container port}. */
	record PortMapping(String hostIp, String hostPort, int containerPort) {

		private static final Pattern PORT = Pattern
			.compile("(?:(?<ip>[0-9.]+):)?(?:(?<host>\\d+):)?(?<container>\\d+)(?:/tcp)?");

		static PortMapping parse(String service, String spec) {
			Matcher matcher = PORT.matcher(spec);
			if (!matcher.matches()) {
				throw new AssertionError(service + ": cannot read the port mapping '" + spec + "'");
			}
			return new PortMapping(matcher.group("ip"), matcher.group("host"),
					Integer.parseInt(matcher.group("container")));
		}

	}

	/**
	 * A secret in a container: the project's secret {@code source} as the file
	 * {@code /run/secrets/<target>} (the short form names the source only, and the target
	 * is the same).
	 */
	record SecretMount(String source, String target) {

		static SecretMount parse(Object spec) {
			if (spec instanceof Map<?, ?> longForm) {
				String source = String.valueOf(longForm.get("source"));
				Object target = longForm.get("target");
				return new SecretMount(source, target == null ? source : String.valueOf(target));
			}
			return new SecretMount(String.valueOf(spec), String.valueOf(spec));
		}

		String path() {
			return target.startsWith("/") ? target : "/run/secrets/" + target;
		}

	}

	/** A bind mount or volume, {@code source:target[:mode]}. */
	record Volume(String source, String target) {

		static Volume parse(Object spec) {
			if (spec instanceof Map<?, ?> longForm) {
				return new Volume(String.valueOf(longForm.get("source")), String.valueOf(longForm.get("target")));
			}
			String[] parts = String.valueOf(spec).split(":");
			return parts.length == 1 ? new Volume(null, parts[0]) : new Volume(parts[0], parts[1]);
		}

		boolean bindMount() {
			return source != null && (source.startsWith("./") || source.startsWith("../"));
		}

		/**
		 * A volume declared by name (a bind mount's source is a path, an anonymous volume
		 * has none).
		 */
		boolean named() {
			return source != null && !bindMount() && !source.startsWith("/");
		}

		Path sourceIn(Path root) {
			return root.resolve(source).normalize();
		}

	}

}
