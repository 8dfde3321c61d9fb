package io.orderflow.systemtest.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards (deploy/docker/grafana/dashboards/*.json) and the Prometheus
 * alert rules (deploy/docker/prometheus/alerts.yml) read only metrics listed in
 * deploy/docker/metrics-contract.txt, and the contract lists only metrics they read. A
 * system test that scrapes the running services checks that each listed name is really
 * exposed; together they keep a dashboard from silently showing "No data" after a metric
 * is renamed.
 */
@DisplayName("Dashboards and alert rules read exactly the metrics of deploy/docker/metrics-contract.txt (static)")
class DashboardQueriesTest {

	/**
	 * Series Prometheus makes itself for every target: no service exposes them, so they
	 * are not in the contract.
	 */
	private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theContractIsOneSortedMetricNamePerLine() throws IOException {
		List<String> lines = Files.readAllLines(RepositoryFiles.path("deploy/docker/metrics-contract.txt"));
		assertThat(lines).isNotEmpty()
			.allSatisfy(line -> assertThat(line).as("a Prometheus metric name").matches("[a-zA-Z_:][a-zA-Z0-9_:]*"))
			.doesNotHaveDuplicates()
			.isSorted();
	}

	@Test
	void everyQueryReadsOnlyMetricsOfTheContract() throws IOException {
		Set<String> allowed = new TreeSet<>(MetricsContract.names());
		allowed.addAll(MADE_BY_PROMETHEUS);
		Map<String, Set<String>> unknown = new LinkedHashMap<>();
		queries().forEach((where, names) -> names.stream()
			.filter(name -> !allowed.contains(name))
			.forEach(name -> unknown.computeIfAbsent(where, key -> new TreeSet<>()).add(name)));
		assertThat(unknown)
			.as("metrics read by a dashboard or alert but missing from deploy/docker/metrics-contract.txt "
					+ "(add them there if the services expose them, or fix the query)")
			.isEmpty();
	}

	@Test
	void everyMetricOfTheContractIsReadSomewhere() throws IOException {
		Set<String> read = new TreeSet<>();
		queries().values().forEach(read::addAll);
		assertThat(MetricsContract.names())
			.as("metrics in deploy/docker/metrics-contract.txt that no dashboard or alert reads (the "
					+ "contract lists only what they need)")
			.allSatisfy(name -> assertThat(read).contains(name));
	}

	@Test
	void everyPanelAndQueryUsesAProvisionedDatasource() throws IOException {
		Map<String, Object> provisioning = RepositoryFiles
			.yaml(RepositoryFiles.path("deploy/docker/grafana/provisioning/datasources/datasources.yml"));
		Set<String> uids = new TreeSet<>();
		((List<?>) provisioning.get("datasources"))
			.forEach(datasource -> uids.add(String.valueOf(RepositoryFiles.map(datasource, "datasource").get("uid"))));
		for (Path dashboard : dashboards()) {
			List<JsonNode> datasources = new ArrayList<>();
			collect(JSON.readTree(Files.readString(dashboard)), "datasource", datasources);
			assertThat(datasources).as(dashboard.getFileName() + ": datasources")
				.isNotEmpty()
				.filteredOn(datasource -> !"grafana".equals(datasource.path("type").asString("")))
				.allSatisfy(datasource -> assertThat(uids).as(dashboard.getFileName() + " refers to a datasource")
					.contains(datasource.path("uid").asString("")));
		}
	}

	@Test
	void dashboardsHaveDistinctUidsAndTitles() throws IOException {
		Set<String> uids = new LinkedHashSet<>();
		Set<String> titles = new LinkedHashSet<>();
		for (Path dashboard : dashboards()) {
			JsonNode json = JSON.readTree(Files.readString(dashboard));
			assertThat(uids.add(json.path("uid").asString(""))).as(dashboard + ": uid is unique").isTrue();
			assertThat(titles.add(json.path("title").asString(""))).as(dashboard + ": title is unique").isTrue();
			assertThat(json.path("panels").size()).as(dashboard + ": panels").isPositive();
		}
		assertThat(uids).isNotEmpty().doesNotContain("");
	}

	@Test
	void everyAlertRuleSaysHowSevereItIsAndWhatItMeans() {
		List<Map<String, Object>> rules = alertRules();
		assertThat(rules).isNotEmpty().allSatisfy(rule -> {
			assertThat(rule.get("alert")).as("alert name").isNotNull();
			assertThat(RepositoryFiles.map(rule.get("labels"), "labels").get("severity"))
				.as(rule.get("alert") + " severity")
				.isIn("warning", "critical");
			assertThat(RepositoryFiles.map(rule.get("annotations"), "annotations"))
				.as(rule.get("alert") + " annotations")
				.containsKeys("summary", "description");
		});
	}

	/**
	 * An order cancelled after it was paid gets a fresh deadline for its refund, so the
	 * time since it was placed says nothing about being stuck; order-service's
	 * {@code OrderMetricsIT} shows the overdue age counts from the deadline the expiry
	 * job acts on.
	 */
	@Test
	void sagasStuckPastDeadlineReadsTheAgePastTheEffectiveDeadlineNotSincePlacing() {
		Map<String, Object> stuck = alertRules().stream()
			.filter(rule -> "SagasStuckPastDeadline".equals(rule.get("alert")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no alert SagasStuckPastDeadline"));

		assertThat(PromQlMetricNames.in(String.valueOf(stuck.get("expr"))))
			.containsExactly("orderflow_orders_overdue_oldest_age_seconds");
	}

	/** Where each query is (file and panel or alert) → the metric names it reads. */
	private static Map<String, Set<String>> queries() throws IOException {
		Map<String, Set<String>> queries = new LinkedHashMap<>();
		for (Path dashboard : dashboards()) {
			JsonNode json = JSON.readTree(Files.readString(dashboard));
			for (JsonNode panel : panels(json)) {
				for (JsonNode target : panel.path("targets")) {
					String expression = target.path("expr").asString("");
					if (!expression.isBlank()) {
						queries.put(dashboard.getFileName() + " / " + panel.path("title").asString() + " / "
								+ target.path("refId").asString(), PromQlMetricNames.in(expression));
					}
				}
			}
			for (JsonNode variable : json.path("templating").path("list")) {
				if ("query".equals(variable.path("type").asString(""))) {
					JsonNode query = variable.path("query");
					String text = query.isObject() ? query.path("query").asString("") : query.asString("");
					queries.put(dashboard.getFileName() + " / variable " + variable.path("name").asString(),
							PromQlMetricNames.inTemplateQuery(text));
				}
			}
		}
		for (Map<String, Object> rule : alertRules()) {
			queries.put("alerts.yml / " + rule.get("alert"), PromQlMetricNames.in(String.valueOf(rule.get("expr"))));
		}
		assertThat(queries).as("queries found").hasSizeGreaterThan(20);
		return queries;
	}

	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			// panels inside a collapsed row
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	private static List<Map<String, Object>> alertRules() {
		Map<String, Object> alerts = RepositoryFiles.yaml(RepositoryFiles.path("deploy/docker/prometheus/alerts.yml"));
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Object group : (List<?>) alerts.get("groups")) {
			for (Object rule : (List<?>) RepositoryFiles.map(group, "group").get("rules")) {
				rules.add(RepositoryFiles.map(rule, "rule"));
			}
		}
		return rules;
	}

	private static List<Path> dashboards() throws IOException {
		try (Stream<Path> files = Files.list(RepositoryFiles.path("deploy/docker/grafana/dashboards"))) {
			return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
		}
	}

	private static void collect(JsonNode node, String field, List<JsonNode> found) {
		if (node.isObject()) {
			node.properties().forEach(entry -> {
				if (entry.getKey().equals(field) && entry.getValue().isObject()) {
					found.add(entry.getValue());
				}
				collect(entry.getValue(), field, found);
			});
		}
		else if (node.isArray()) {
			node.forEach(child -> collect(child, field, found));
		}
	}

}
