package io.orderflow.systemtest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console's page as a visitor uses it: buttons and fields found by their ids and
 * labels, and what the page shows read from its DOM in one script call each, so a read
 * never sees half of a redraw.
 */
final class ConsolePage {

	private final WebDriver driver;

	ConsolePage(WebDriver driver) {
		this.driver = driver;
	}

	/** One row of the orders table. */
	record OrderRow(String id, String state, Instant placedAt, boolean placedHere, String charges, String emails) {

		boolean isTerminal() {
			return InvariantChecker.TERMINAL.contains(state);
		}

	}

	/** One service card. */
	record ServiceCard(String name, String health, String running, String lag) {
	}

	void open(URI console) {
		driver.get(console.toString());
	}

	/** The connection badge: {@code live} once the first snapshot arrived. */
	String connection() {
		return driver.findElement(By.id("connection")).getAttribute("data-state");
	}

	void placeApprovedOrder() {
		click("place-approved");
	}

	void placeDeclinedOrder() {
		click("place-declined");
	}

	void startLoad(double ratePerSecond, int approvedPercent) {
		type("load-rate", String.valueOf(ratePerSecond));
		type("load-approved", String.valueOf(approvedPercent));
		click("load-start");
	}

	void stopLoad() {
		click("load-stop");
	}

	boolean loadRunning() {
		return "true".equals(driver.findElement(By.id("load-state")).getAttribute("data-running"));
	}

	void setProviderFaults(double errorRate, long latencyMs) {
		type("provider-error-rate", String.valueOf(errorRate));
		type("provider-latency", String.valueOf(latencyMs));
		click("provider-apply");
	}

	void stopService(String name) {
		driver.findElement(By.cssSelector("button[aria-label='Stop " + name + "']")).click();
	}

	void startService(String name) {
		driver.findElement(By.cssSelector("button[aria-label='Start " + name + "']")).click();
	}

	/**
	 * Order ids the page reported as placed, from its "What happened" list, newest first.
	 */
	List<String> placedOrderIds() {
		return strings(
				"return [...document.querySelectorAll('#command-log li[data-order-id]')].map(li => li.dataset.orderId)");
	}

	/** Errors the page reported, newest first. */
	List<String> reportedErrors() {
		return strings(
				"return [...document.querySelectorAll('#command-log li[data-kind=error]')].map(li => li.textContent)");
	}

	List<OrderRow> orders() {
		List<?> rows = (List<?>) script(
				"""
						return [...document.querySelectorAll('#orders tr.order')].map(row => [row.dataset.orderId, row.dataset.state,
						  row.dataset.placedAt, row.dataset.placedHere, row.querySelector('.charged').dataset.charges,
						  row.querySelector('.emails').textContent])""");
		return rows.stream().map(row -> {
			List<?> cells = (List<?>) row;
			String placedAt = (String) cells.get(2);
			return new OrderRow((String) cells.get(0), (String) cells.get(1),
					placedAt == null || placedAt.isEmpty() ? null : Instant.parse(placedAt),
					"true".equals(cells.get(3)), (String) cells.get(4), (String) cells.get(5));
		}).toList();
	}

	ServiceCard service(String name) {
		List<?> card = (List<?>) script(
				"""
						const card = document.querySelector(`[data-service="${arguments[0]}"]`);
						return card ? [card.dataset.health, card.dataset.running, card.querySelector('.lag').textContent] : null""",
				name);
		return card == null ? new ServiceCard(name, null, null, null)
				: new ServiceCard(name, (String) card.get(0), (String) card.get(1), (String) card.get(2));
	}

	/**
	 * The breaker state of an edge as the page shows it, e.g. {@code closed},
	 * {@code open}.
	 */
	String breaker(String edge) {
		return (String) script("const li = document.querySelector(`#edges li[data-edge=\"${arguments[0]}\"]`); "
				+ "return li ? li.dataset.state : null", edge);
	}

	/** The error rate the page shows the provider has, as text. */
	String providerErrorRate() {
		return driver.findElement(By.id("provider-state")).getAttribute("data-error-rate");
	}

	private void click(String id) {
		driver.findElement(By.id(id)).click();
	}

	private void type(String id, String value) {
		WebElement field = driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	@SuppressWarnings("unchecked")
	private List<String> strings(String js) {
		return ((List<Object>) script(js)).stream().map(Objects::toString).toList();
	}

	private Object script(String js, Object... arguments) {
		return ((JavascriptExecutor) driver).executeScript(js, arguments);
	}

	static Map<String, Long> countByState(List<OrderRow> rows) {
		return rows.stream().collect(Collectors.groupingBy(OrderRow::state, TreeMap::new, Collectors.counting()));
	}

}
