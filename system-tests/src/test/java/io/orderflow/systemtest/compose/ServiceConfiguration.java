package io.orderflow.systemtest.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import io.orderflow.localstack.OrderflowService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.RecordComponentVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What one service can be configured with: its {@code application.yml} (from the sources)
 * and every property it really has, read from its executable jar (the one the build made,
 * as the local stack and the image run it):
 * <ul>
 * <li>the keys of its {@code application.yml};</li>
 * <li>the {@code @ConfigurationProperties} records of orderflow's own code in the jar (no
 * configuration metadata is generated for them), read from the class files: prefix plus
 * each record component in kebab case, nested records followed, maps and lists taking any
 * key below them;</li>
 * <li>the Spring Boot configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json}) of every library in the jar, so
 * that a property counts only if the service ships the module that binds it (a tracing
 * property needs the tracing module on the service's class path). Properties deprecated
 * at level {@code error} no longer bind and do not count.</li>
 * </ul>
 * An environment variable is matched to those properties by Spring Boot's own relaxed
 * binding rules ({@link SystemEnvironmentPropertySource} adapted to a
 * {@link ConfigurationPropertySource}), so {@code ORDERFLOW_PAYMENT_PROVIDER_BASE_URL}
 * and {@code ORDERFLOW_PAYMENT_PROVIDER_BASEURL} both name
 * {@code orderflow.payment.provider.base-url}, exactly as the running service would bind
 * them.
 */
public final class ServiceConfiguration {

	private static final String CONFIGURATION_PROPERTIES = "Lorg/springframework/boot/context/properties/ConfigurationProperties;";

	private static final Map<String, ServiceConfiguration> CACHE = new ConcurrentHashMap<>();

	private final String module;

	private final Map<String, Object> applicationYaml;

	private final Path executableJar;

	/** Properties that take a value themselves. */
	private final Set<ConfigurationPropertyName> properties = new LinkedHashSet<>();

	/** Maps and lists: any name below them binds. */
	private final Set<ConfigurationPropertyName> containers = new LinkedHashSet<>();

	/**
	 * Lists (and arrays, sets): also bound whole, from one comma-separated value
	 * ({@code SPRING_CONFIG_IMPORT}).
	 */
	private final Set<ConfigurationPropertyName> lists = new LinkedHashSet<>();

	private int librariesWithMetadata;

	private ServiceConfiguration(String module) {
		this.module = module;
		Path root = RepositoryFiles.root();
		this.applicationYaml = flatten(
				RepositoryFiles.yaml(root.resolve(module).resolve("src/main/resources/application.yml")));
		this.executableJar = executableJar(root, module);
		this.applicationYaml.forEach((key, value) -> {
			ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
			(value instanceof Map<?, ?> ? this.containers : this.properties).add(name);
		});
		readExecutableJar();
	}

	public static ServiceConfiguration of(OrderflowService service) {
		return of(service.moduleName());
	}

	static ServiceConfiguration of(String module) {
		return CACHE.computeIfAbsent(module, ServiceConfiguration::new);
	}

	public String module() {
		return module;
	}

	/** A value of the service's application.yml, by its dotted key as written there. */
	public Optional<String> yaml(String key) {
		return Optional.ofNullable(applicationYaml.get(key)).map(String::valueOf);
	}

	/**
	 * The property an environment variable sets, or empty when it sets none the service
	 * has.
	 */
	public Optional<ConfigurationPropertyName> propertySetBy(String variable, String value) {
		Map<String, Object> single = new HashMap<>();
		single.put(variable, value);
		// only a source named like the system environment gets the environment's relaxed
		// name mapping
		ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				"compose-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, single));
		for (ConfigurationPropertyName property : properties) {
			ConfigurationProperty bound = source.getConfigurationProperty(property);
			if (bound != null) {
				return Optional.of(property);
			}
		}
		for (ConfigurationPropertyName list : lists) {
			if (source.getConfigurationProperty(list) != null) {
				return Optional.of(list);
			}
		}
		List<ConfigurationPropertyName> names = ((IterableConfigurationPropertySource) source).stream().toList();
		for (ConfigurationPropertyName container : containers) {
			if (names.stream().anyMatch(container::isAncestorOf)) {
				return Optional.of(container);
			}
		}
		return Optional.empty();
	}

	/** Where {@link #propertySetBy} looked, for failure messages. */
	public String searched() {
		return module + "'s application.yml, the @ConfigurationProperties records of orderflow's code and the "
				+ "configuration metadata of " + librariesWithMetadata + " libraries in " + executableJar
				+ " (built by ./mvnw package; rebuild it if the service's dependencies changed)";
	}

	private static Path executableJar(Path root, String module) {
		Path target = root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter(path -> path.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
		}
		catch (IOException | java.util.NoSuchElementException ex) {
			throw new IllegalStateException("No executable jar of " + module + " in " + target
					+ ": build it first (./mvnw -DskipTests package)", ex);
		}
	}

	private void readExecutableJar() {
		Map<String, byte[]> orderflowClasses = new HashMap<>();
		try (ZipFile jar = new ZipFile(executableJar.toFile())) {
			for (ZipEntry entry : jar.stream().toList()) {
				String name = entry.getName();
				if (name.startsWith("BOOT-INF/classes/io/orderflow/") && name.endsWith(".class")) {
					try (InputStream in = jar.getInputStream(entry)) {
						orderflowClasses.put(name.substring("BOOT-INF/classes/".length(), name.length() - 6),
								in.readAllBytes());
					}
				}
				else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
					readLibrary(jar, entry, orderflowClasses);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		orderflowClasses.forEach((className, bytes) -> {
			ClassInfo info = ClassInfo.read(bytes);
			if (info.prefix != null) {
				if (!info.record) {
					throw new AssertionError(className + " is @ConfigurationProperties but not a record: teach "
							+ getClass().getSimpleName() + " to read JavaBean properties");
				}
				addRecord(info.prefix, info, orderflowClasses, new LinkedHashSet<>());
			}
		});
	}

	private void readLibrary(ZipFile jar, ZipEntry library, Map<String, byte[]> orderflowClasses) throws IOException {
		try (ZipInputStream in = new ZipInputStream(jar.getInputStream(library))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				String name = entry.getName();
				if (name.equals("META-INF/spring-configuration-metadata.json")) {
					addMetadata(in.readAllBytes());
					librariesWithMetadata++;
				}
				else if (name.startsWith("io/orderflow/") && name.endsWith(".class")) {
					orderflowClasses.put(name.substring(0, name.length() - 6), in.readAllBytes());
				}
			}
		}
	}

	private void addMetadata(byte[] json) {
		JsonNode metadata = JsonMapper.builder().build().readTree(json);
		for (JsonNode property : metadata.path("properties")) {
			if ("error".equals(property.path("deprecation").path("level").asString(""))) {
				continue;
			}
			ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property.path("name").asString());
			if (name == null) {
				continue;
			}
			String type = property.path("type").asString("");
			boolean list = type.startsWith("java.util.List") || type.startsWith("java.util.Set")
					|| type.startsWith("java.util.Collection") || type.endsWith("[]");
			boolean container = list || type.startsWith("java.util.Map");
			(container ? containers : properties).add(name);
			if (list) {
				lists.add(name);
			}
		}
	}

	private void addRecord(String prefix, ClassInfo record, Map<String, byte[]> classes, Set<String> visiting) {
		for (String[] component : record.components) {
			String name = prefix + "." + kebab(component[0]);
			String descriptor = component[1];
			String type = descriptor.startsWith("L") ? descriptor.substring(1, descriptor.length() - 1) : descriptor;
			boolean list = descriptor.startsWith("[") || type.equals("java/util/List") || type.equals("java/util/Set")
					|| type.equals("java/util/Collection");
			if (list || type.equals("java/util/Map")) {
				containers.add(ConfigurationPropertyName.of(name));
				if (list) {
					lists.add(ConfigurationPropertyName.of(name));
				}
			}
			else if (classes.containsKey(type) && ClassInfo.read(classes.get(type)).record && visiting.add(type)) {
				addRecord(name, ClassInfo.read(classes.get(type)), classes, visiting);
				visiting.remove(type);
			}
			else {
				properties.add(ConfigurationPropertyName.of(name));
			}
		}
	}

	private static String kebab(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Dotted keys of the leaves of a YAML document; an empty mapping is a leaf too (a map
	 * property).
	 */
	private static Map<String, Object> flatten(Map<String, Object> yaml) {
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", yaml, flat);
		return flat;
	}

	private static void flatten(String prefix, Map<String, Object> yaml, Map<String, Object> flat) {
		yaml.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> map && !map.isEmpty()) {
				flatten(name, RepositoryFiles.map(map, name), flat);
			}
			else {
				flat.put(name, value);
			}
		});
	}

	/**
	 * What the class file says: record or not, its components,
	 * its @ConfigurationProperties prefix.
	 */
	private static final class ClassInfo extends ClassVisitor {

		private boolean record;

		private String prefix;

		private final List<String[]> components = new ArrayList<>();

		private ClassInfo() {
			super(SpringAsmInfo.ASM_VERSION);
		}

		static ClassInfo read(byte[] bytes) {
			ClassInfo info = new ClassInfo();
			new ClassReader(bytes).accept(info,
					ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
			return info;
		}

		@Override
		public void visit(int version, int access, String name, String signature, String superName,
				String[] interfaces) {
			this.record = "java/lang/Record".equals(superName);
		}

		@Override
		public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
			if (!CONFIGURATION_PROPERTIES.equals(descriptor)) {
				return null;
			}
			return new AnnotationVisitor(SpringAsmInfo.ASM_VERSION) {
				@Override
				public void visit(String name, Object value) {
					if (("value".equals(name) || "prefix".equals(name)) && !String.valueOf(value).isEmpty()) {
						ClassInfo.this.prefix = String.valueOf(value);
					}
				}
			};
		}

		@Override
		public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
			components.add(new String[] { name, descriptor });
			return null;
		}

	}

}
