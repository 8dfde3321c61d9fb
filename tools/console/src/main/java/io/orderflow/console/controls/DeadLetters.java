package io.orderflow.console.controls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.status.ServiceEndpoint;
import tools.jackson.databind.JsonNode;

/**
 * The services' dead letters through their own operator API
 * ({@code /admin/dead-letters}): listing the unresolved ones and replaying them. A replay
 * puts the record, with its original event id, on the group's own replay topic, so a
 * consumer that already applied it absorbs it; a record that is still poison is
 * dead-lettered again.
 */
public final class DeadLetters {

	static final int LIST_LIMIT = 50;

	private final JsonHttp http;

	private final List<ServiceEndpoint> services;

	DeadLetters(JsonHttp http, List<ServiceEndpoint> services) {
		this.http = http;
		this.services = services;
	}

	/**
	 * One unresolved dead letter, as a service lists it.
	 *
	 * @param service the service whose consumer dead-lettered it
	 */
	public record Letter(String service, String topic, int partition, long offset, String timestamp, String key,
			String type, String reason) {
	}

	/**
	 * Every service's unresolved dead letters, and per service that did not answer, why.
	 */
	public record Listing(List<Letter> letters, Map<String, String> unavailable) {
	}

	public Listing list() {
		List<Letter> letters = new ArrayList<>();
		Map<String, String> unavailable = new LinkedHashMap<>();
		for (ServiceEndpoint service : services) {
			JsonHttp.Answer answer = http.get(service.resolve("/admin/dead-letters?limit=" + LIST_LIMIT));
			if (!answer.ok() || answer.json() == null || !answer.json().isArray()) {
				unavailable.put(service.name(), answer.explanation());
				continue;
			}
			for (JsonNode letter : answer.json()) {
				letters.add(new Letter(service.name(), letter.path("topic").asString(""),
						letter.path("partition").asInt(), letter.path("offset").asLong(),
						letter.path("timestamp").asString(null), letter.path("key").asString(null),
						letter.path("type").asString(null), letter.path("reason").asString(null)));
			}
		}
		return new Listing(letters, unavailable);
	}

	/** What a replay of all did. */
	record Replayed(int replayed, List<String> failures) {
	}

	/**
	 * Replays every unresolved dead letter of one service, or of all when {@code service}
	 * is {@code null}.
	 */
	Replayed replayAll(String service) {
		Listing listing = list();
		if (service != null && listing.unavailable().containsKey(service)) {
			throw CommandException
				.unavailable(service + " did not list its dead letters: " + listing.unavailable().get(service));
		}
		int replayed = 0;
		List<String> failures = new ArrayList<>();
		for (Letter letter : listing.letters()) {
			if (service != null && !service.equals(letter.service())) {
				continue;
			}
			ServiceEndpoint owner = services.stream()
				.filter(s -> s.name().equals(letter.service()))
				.findFirst()
				.orElseThrow();
			JsonHttp.Answer answer = http
				.post(owner.resolve("/admin/dead-letters/" + URLEncoder.encode(letter.topic(), StandardCharsets.UTF_8)
						+ "/" + letter.partition() + "/" + letter.offset() + "/replay"), null, Map.of());
			if (answer.ok()) {
				replayed++;
			}
			else {
				failures.add(letter.service() + " " + letter.topic() + "/" + letter.partition() + "/" + letter.offset()
						+ ": " + answer.explanation());
			}
		}
		return new Replayed(replayed, failures);
	}

}
