package io.orderflow.systemtest.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay of deploy/k8s renders with {@code kubectl kustomize}, and what it renders
 * would be accepted: each custom resource by its operator's CRD schema
 * ({@link CustomResourceDefinitions}), each core object by the shape the API server
 * insists on. No cluster needed.
 */
@DisplayName("The Kubernetes overlays render and their objects are valid (static, no cluster)")
class K8sManifestSchemaTest {

	/**
	 * The core objects deploy/k8s may use: kind → its apiVersion and the top-level fields
	 * it has besides apiVersion, kind and metadata.
	 */
	private static final Map<String, CoreKind> CORE = Map.of("Namespace", new CoreKind("v1", Set.of("spec")),
			"ConfigMap", new CoreKind("v1", Set.of("data", "binaryData", "immutable")), "ServiceAccount",
			new CoreKind("v1", Set.of("automountServiceAccountToken", "imagePullSecrets", "secrets")), "Service",
			new CoreKind("v1", Set.of("spec")), "PersistentVolumeClaim", new CoreKind("v1", Set.of("spec")),
			"Deployment", new CoreKind("apps/v1", Set.of("spec")), "PodDisruptionBudget",
			new CoreKind("policy/v1", Set.of("spec")), "HorizontalPodAutoscaler",
			new CoreKind("autoscaling/v2", Set.of("spec")), "NetworkPolicy",
			new CoreKind("networking.k8s.io/v1", Set.of("spec")));

	private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");

	private static CustomResourceDefinitions crds;

	record CoreKind(String apiVersion, Set<String> fields) {
	}

	@BeforeAll
	static void loadSchemas() {
		crds = CustomResourceDefinitions.load();
	}

	static Stream<RenderedOverlay> overlays() {
		return RenderedOverlay.all();
	}

	@Test
	@DisplayName("there are the overlays dev and production-like")
	void overlaysExist() {
		assertThat(RenderedOverlay.overlayNames()).containsExactly("dev", "production-like");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("every custom resource is valid by its CRD's schema, at the API version the operator serves")
	void customResourcesMatchTheirSchemas(RenderedOverlay overlay) {
		Map<String, List<String>> problems = new LinkedHashMap<>();
		int checked = 0;
		for (Map<String, Object> object : overlay.objects()) {
			if (CORE.containsKey(String.valueOf(object.get("kind")))) {
				continue;
			}
			assertThat(crds.hasGroupOf(object)).as(overlay + ": " + describe(object) + " is a resource of a known CRD")
				.isTrue();
			assertThat(crds.defines(object))
				.as(overlay + ": " + describe(object) + " uses an API version its operator serves")
				.isTrue();
			List<String> found = crds.problems(object);
			if (!found.isEmpty()) {
				problems.put(describe(object), found);
			}
			checked++;
		}
		assertThat(problems).as(overlay + ": custom resources the operators would refuse").isEmpty();
		assertThat(checked).as(overlay + ": custom resources checked").isGreaterThan(15);
	}

	/** The check above can fail: a typo, a wrong type, a missing required field. */
	@Test
	@DisplayName("a broken custom resource fails the schema check")
	void aBrokenResourceFails() {
		assertThat(crds.problems(orderEventsTopic("partitions: three\nreplica: 3")))
			.as("problems of a topic with a misspelt field and a word for a number")
			.anySatisfy(problem -> assertThat(problem).contains("replica"))
			.anySatisfy(problem -> assertThat(problem).contains("partitions"));
		assertThat(crds.problems(orderEventsTopic("partitions: 3\nreplicas: 3"))).as("the same topic written right")
			.isEmpty();
		Map<String, Object> user = RenderedOverlay.parse("""
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaUser
				metadata:
				  name: order-service
				spec:
				  authentication:
				    type: scram-sha-512
				  authorization:
				    type: simple
				    acls:
				      - resource:
				          type: topic
				          name: orderflow.order.events
				        operations: [Publish]
				""").getFirst();
		assertThat(crds.problems(user)).as("an ACL with an operation Kafka does not have")
			.anySatisfy(problem -> assertThat(problem).contains("operations"));
		Map<String, Object> database = RenderedOverlay.parse("""
				apiVersion: postgresql.cnpg.io/v1
				kind: Database
				metadata:
				  name: order-service
				spec:
				  name: order_service
				  cluster:
				    name: orderflow-db
				""").getFirst();
		assertThat(crds.problems(database)).as("a database without its owner")
			.anySatisfy(problem -> assertThat(problem).contains("owner"));
	}

	private static Map<String, Object> orderEventsTopic(String spec) {
		return RenderedOverlay.parse("""
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaTopic
				metadata:
				  name: orderflow.order.events
				spec:
				""" + spec.indent(2)).getFirst();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("every core object has its API version, a name, and no field the API server would reject")
	void coreObjectsParseStrictly(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (Map<String, Object> object : overlay.objects()) {
			String kind = String.valueOf(object.get("kind"));
			CoreKind core = CORE.get(kind);
			if (core == null) {
				assertThat(crds.defines(object)).as(overlay + ": " + describe(object) + " is a kind the checks know")
					.isTrue();
				continue;
			}
			if (!core.apiVersion().equals(object.get("apiVersion"))) {
				problems
					.add(describe(object) + ": apiVersion " + object.get("apiVersion") + ", not " + core.apiVersion());
			}
			Set<String> allowed = new java.util.HashSet<>(core.fields());
			allowed.addAll(Set.of("apiVersion", "kind", "metadata"));
			object.keySet()
				.stream()
				.filter(field -> !allowed.contains(field))
				.forEach(field -> problems.add(describe(object) + ": unknown field " + field));
			Map<String, Object> metadata = RenderedOverlay.mapAt(object, "metadata");
			if (!String.valueOf(metadata.get("name")).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
				problems.add(describe(object) + ": not a valid name");
			}
			metadata.keySet()
				.stream()
				.filter(field -> !METADATA.contains(field))
				.forEach(field -> problems.add(describe(object) + ": unknown metadata field " + field));
			if (kind.equals("Deployment")) {
				problems.addAll(deploymentProblems(object));
			}
		}
		assertThat(problems).as(overlay + ": core objects").isEmpty();
		assertThat(overlay.ofKind("Secret")).as(overlay + ": no Secret is written in the manifests").isEmpty();
	}

	/** A Deployment's selector selects its own pods, each container named and imaged. */
	private static List<String> deploymentProblems(Map<String, Object> deployment) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> selector = RenderedOverlay.mapAt(deployment, "spec", "selector", "matchLabels");
		Map<String, Object> labels = RenderedOverlay.mapAt(deployment, "spec", "template", "metadata", "labels");
		if (selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
			problems.add(describe(deployment) + ": its selector " + selector + " does not select its pods " + labels);
		}
		List<Object> containers = RenderedOverlay.listAt(deployment, "spec", "template", "spec", "containers");
		if (containers.isEmpty()) {
			problems.add(describe(deployment) + ": no containers");
		}
		for (Object container : containers) {
			if (RenderedOverlay.at(container, "name").isEmpty() || RenderedOverlay.at(container, "image").isEmpty()) {
				problems.add(describe(deployment) + ": a container without name or image");
			}
		}
		return problems;
	}

	private static String describe(Map<String, Object> object) {
		return object.get("kind") + " " + RenderedOverlay.nameOf(object);
	}

}
