package io.orderflow.messaging.deadletter;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import io.orderflow.messaging.deadletter.DeadLetterReplayer.AlreadyResolvedException;
import io.orderflow.messaging.deadletter.DeadLetterReplayer.NotFoundException;
import io.orderflow.messaging.deadletter.DeadLetterReplayer.ReplayFailedException;
import io.orderflow.messaging.deadletter.DeadLetterResolutions.Resolution;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/dead-letters}: list, inspect, replay and discard the service's dead letters. A dead letter is
 * addressed by its coordinates in its dead-letter topic; only the service's own DLTs are addressable. Errors are
 * RFC 9457 problems. Unprotected here: in production this API must sit behind authentication.
 *
 * <p>{@link Hidden} from the service's published OpenAPI document: it is an operator's tool, not part of the
 * service's contract with its clients.
 */
@Hidden
@RestController
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 500;

	static final int SUMMARY_PAYLOAD_BYTES = 4 * 1024;

	static final int DETAIL_PAYLOAD_BYTES = 64 * 1024;

	private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

	private final DeadLetterStore store;

	private final DeadLetterResolutions resolutions;

	private final DeadLetterReplayer replayer;

	public DeadLetterController(DeadLetterStore store, DeadLetterResolutions resolutions, DeadLetterReplayer replayer) {
		this.store = store;
		this.resolutions = resolutions;
		this.replayer = replayer;
	}

	/** The newest dead letters across the service's DLTs, unresolved ones only unless asked. */
	@GetMapping
	public List<DeadLetterView> list(@RequestParam(required = false) String limit,
			@RequestParam(required = false) String includeResolved) {
		int max = limit == null ? DEFAULT_LIMIT : parse("limit", limit, 1, MAX_LIMIT);
		boolean all = flag("includeResolved", includeResolved);
		Map<String, Map<Long, Resolution>> resolved = new LinkedHashMap<>();
		List<DeadLetter> found = store.newest(max, (tp, begin, end) -> {
			long from = Math.max(begin, end - DeadLetterStore.MAX_SCAN_PER_PARTITION);
			Map<Long, Resolution> inRange = resolutions.inRange(tp.topic(), tp.partition(), from, end);
			resolved.put(tp.toString(), inRange);
			return all ? max : max + inRange.size();
		}, deadLetter -> all || !resolvedIn(resolved, deadLetter));
		return found.stream()
			.sorted(Comparator.comparing(DeadLetter::timestamp)
				.thenComparing(DeadLetter::offset)
				.reversed())
			.limit(max)
			.map(deadLetter -> DeadLetterView.of(deadLetter, resolution(resolved, deadLetter), SUMMARY_PAYLOAD_BYTES, false))
			.toList();
	}

	@GetMapping("/{topic}/{partition}/{offset}")
	public DeadLetterView one(@PathVariable String topic, @PathVariable String partition, @PathVariable String offset) {
		Address address = address(topic, partition, offset);
		DeadLetter deadLetter = store.find(address.topic(), address.partition(), address.offset())
			.orElseThrow(() -> new NotFoundException(address.topic(), address.partition(), address.offset()));
		Resolution resolution = resolutions.find(address.topic(), address.partition(), address.offset()).orElse(null);
		return DeadLetterView.of(deadLetter, resolution, DETAIL_PAYLOAD_BYTES, true);
	}

	@PostMapping("/{topic}/{partition}/{offset}/replay")
	public ResolutionView replay(@PathVariable String topic, @PathVariable String partition,
			@PathVariable String offset, @RequestParam(required = false) String force) {
		Address address = address(topic, partition, offset);
		DeadLetterReplayer.Replayed replayed = replayer.replay(address.topic(), address.partition(), address.offset(),
				flag("force", force));
		return new ResolutionView(address.topic(), address.partition(), address.offset(),
				DeadLetterResolutions.Kind.REPLAYED, replayed);
	}

	@PostMapping("/{topic}/{partition}/{offset}/discard")
	public ResolutionView discard(@PathVariable String topic, @PathVariable String partition,
			@PathVariable String offset, @RequestParam(required = false) String force) {
		Address address = address(topic, partition, offset);
		replayer.discard(address.topic(), address.partition(), address.offset(), flag("force", force));
		return new ResolutionView(address.topic(), address.partition(), address.offset(),
				DeadLetterResolutions.Kind.DISCARDED, null);
	}

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<ProblemDetail> badRequest(BadRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid dead-letter request", ex.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Dead letter not found", ex.getMessage());
	}

	@ExceptionHandler(AlreadyResolvedException.class)
	ResponseEntity<ProblemDetail> alreadyResolved(AlreadyResolvedException ex) {
		return problem(HttpStatus.CONFLICT, "Dead letter already resolved", ex.getMessage());
	}

	@ExceptionHandler({ ReplayFailedException.class, KafkaException.class, DeadLetterStore.UnavailableException.class })
	ResponseEntity<ProblemDetail> kafkaUnavailable(RuntimeException ex) {
		log.warn("Dead-letter request failed: {}", ex.toString());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable",
				"The dead-letter topics could not be read or written now; try again later");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private Address address(String topic, String partition, String offset) {
		int p = parse("partition", partition, 0, Integer.MAX_VALUE);
		long o = parseLong("offset", offset);
		if (store.sourceTopicOf(topic).isEmpty()) {
			throw new NotFoundException(sanitized(topic), p, o);
		}
		return new Address(topic, p, o);
	}

	private static int parse(String name, String value, int min, int max) {
		long parsed = parseLong(name, value);
		if (parsed < min || parsed > max) {
			throw new BadRequestException(name + " must be between " + min + " and " + max);
		}
		return (int) parsed;
	}

	private static long parseLong(String name, String value) {
		if (value == null || value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new BadRequestException(name + " must be a non-negative integer");
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new BadRequestException(name + " must be a non-negative integer");
		}
	}

	private static boolean flag(String name, String value) {
		if (value == null || value.isEmpty() || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw new BadRequestException(name + " must be true or false");
	}

	/** A hostile topic name is not echoed back whole or with control characters. */
	private static String sanitized(String topic) {
		String printable = topic.codePoints()
			.filter(c -> c >= 0x20 && c != 0x7f)
			.limit(100)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return "'" + printable + (topic.length() > 100 ? "…'" : "'");
	}

	private static boolean resolvedIn(Map<String, Map<Long, Resolution>> resolved, DeadLetter deadLetter) {
		return resolution(resolved, deadLetter) != null;
	}

	private static Resolution resolution(Map<String, Map<Long, Resolution>> resolved, DeadLetter deadLetter) {
		Map<Long, Resolution> ofPartition = resolved.get(deadLetter.topic() + "-" + deadLetter.partition());
		return ofPartition == null ? null : ofPartition.get(deadLetter.offset());
	}

	private record Address(String topic, int partition, long offset) {
	}

	static class BadRequestException extends RuntimeException {

		BadRequestException(String message) {
			super(message);
		}

	}

	/**
	 * A dead letter as an operator reads it. {@code headers} (every header, text or base64) only when inspecting
	 * one.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record DeadLetterView(String topic, int partition, long offset, Instant timestamp, String key,
			String type, String eventId, String reason, Integer attempts, String originalTopic,
			Integer originalPartition, Long originalOffset, DeadLetter.Rendered payload, String resolution,
			Instant resolvedAt, List<HeaderView> headers) {

		static DeadLetterView of(DeadLetter deadLetter, Resolution resolution, int payloadBytes, boolean withHeaders) {
			return new DeadLetterView(deadLetter.topic(), deadLetter.partition(), deadLetter.offset(),
					deadLetter.timestamp(), deadLetter.keyText(), deadLetter.headerText(CloudEventHeaders.TYPE).orElse(null),
					deadLetter.headerText(CloudEventHeaders.ID).orElse(null), deadLetter.reason().orElse(null),
					deadLetter.attempts().orElse(null), deadLetter.originalTopic().orElse(null),
					deadLetter.originalPartition().orElse(null), deadLetter.originalOffset().orElse(null),
					DeadLetter.render(deadLetter.value(), payloadBytes),
					resolution == null ? null : resolution.kind().name(),
					resolution == null ? null : resolution.resolvedAt(),
					withHeaders ? deadLetter.headers().stream().map(HeaderView::of).toList() : null);
		}

	}

	/** One header; binary ones (spring-kafka's original partition and offset) in base64. */
	public record HeaderView(String name, String value, String encoding) {

		static HeaderView of(Header header) {
			byte[] value = header.value();
			if (DeadLetter.NUMERIC_HEADERS.contains(header.key()) && value != null
					&& (value.length == Integer.BYTES || value.length == Long.BYTES)) {
				java.nio.ByteBuffer number = java.nio.ByteBuffer.wrap(value);
				return new HeaderView(header.key(),
						Long.toString(value.length == Integer.BYTES ? number.getInt() : number.getLong()), "number");
			}
			DeadLetter.Rendered rendered = DeadLetter.render(header.value(), DETAIL_PAYLOAD_BYTES);
			return new HeaderView(header.key(), rendered.content(), rendered.encoding());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ResolutionView(String topic, int partition, long offset, DeadLetterResolutions.Kind resolution,
			DeadLetterReplayer.Replayed replayedTo) {
	}

}
