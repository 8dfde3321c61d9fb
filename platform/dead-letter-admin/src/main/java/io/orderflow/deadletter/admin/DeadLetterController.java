package io.orderflow.deadletter.admin;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.orderflow.deadletter.admin.DeadLetterCursor.InvalidCursorException;
import io.orderflow.deadletter.admin.DeadLetterReplayer.AlreadyResolvedException;
import io.orderflow.deadletter.admin.DeadLetterReplayer.NotFoundException;
import io.orderflow.deadletter.admin.DeadLetterReplayer.ReplayFailedException;
import io.orderflow.deadletter.admin.DeadLetterReplayer.TooOldToReplayException;
import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import io.orderflow.messaging.deadletter.DeadLetter;
import io.orderflow.messaging.deadletter.DeadLetterResolutions.Resolution;
import io.orderflow.messaging.deadletter.DeadLetterResolutions;
import io.orderflow.messaging.deadletter.DeadLetterStore;
import io.orderflow.messaging.deadletter.DeadLetterSummary;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /admin/dead-letters}: list (page by page), inspect, download, replay and discard
 * the service's dead letters. A dead letter is addressed by its coordinates in its
 * dead-letter topic; only the service's own DLTs are addressable. Spring binds and
 * validates every parameter; errors are RFC 9457 problems. Unprotected here: in
 * production this API must sit behind authentication.
 *
 * <p>
 * {@link Hidden} from the service's published OpenAPI document: it is an operator's tool,
 * not part of the service's contract with its clients.
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

	private final DeadLetterListing listing;

	public DeadLetterController(DeadLetterStore store, DeadLetterResolutions resolutions, DeadLetterReplayer replayer,
			DeadLetterListing listing) {
		this.store = store;
		this.resolutions = resolutions;
		this.replayer = replayer;
		this.listing = listing;
	}

	/**
	 * The newest dead letters across the service's DLTs, unresolved ones only unless
	 * asked, one page at a time: the body is the page (a JSON array, as always), and a
	 * {@code Link} header with {@code rel="next"} names the next page while there is one.
	 * Each dead letter shows the first {@value #SUMMARY_PAYLOAD_BYTES} bytes of its
	 * payload; its own resource shows more, {@code /payload} all of it.
	 */
	@GetMapping
	public ResponseEntity<List<DeadLetterView>> list(
			@RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
			@RequestParam(defaultValue = "false") boolean includeResolved,
			@RequestParam(required = false) @Size(max = DeadLetterCursor.MAX_LENGTH) String cursor) {
		DeadLetterCursor position = cursor == null ? null
				: DeadLetterCursor.decode(cursor, topic -> store.sourceTopicOf(topic).isPresent());
		DeadLetterListing.Page page = listing.page(position, limit, includeResolved, SUMMARY_PAYLOAD_BYTES);
		List<DeadLetterView> views = page.entries()
			.stream()
			.map(entry -> DeadLetterView.of(entry.deadLetter(), entry.resolution(), null))
			.toList();
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.next() != null) {
			String next = ServletUriComponentsBuilder.fromCurrentRequestUri()
				.replaceQuery(null)
				.queryParam("limit", limit)
				.queryParam("includeResolved", includeResolved)
				.queryParam("cursor", page.next().encode())
				.build()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return response.body(views);
	}

	/**
	 * One dead letter with every header and the first {@value #DETAIL_PAYLOAD_BYTES}
	 * bytes of its payload.
	 */
	@GetMapping("/{topic}/{partition}/{offset}")
	public DeadLetterView one(@PathVariable String topic, @PathVariable @PositiveOrZero int partition,
			@PathVariable @PositiveOrZero long offset) {
		DeadLetter deadLetter = find(topic, partition, offset);
		Resolution resolution = resolutions.find(topic, partition, offset).orElse(null);
		return DeadLetterView.of(DeadLetterSummary.of(deadLetter, DETAIL_PAYLOAD_BYTES), resolution,
				deadLetter.headers().stream().map(HeaderView::of).toList());
	}

	/**
	 * The payload whole, as bytes: {@code application/json} when the record says so, else
	 * {@code application/octet-stream}; always a download, never rendered by a browser.
	 */
	@GetMapping(path = "/{topic}/{partition}/{offset}/payload",
			produces = { MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.APPLICATION_JSON_VALUE })
	public ResponseEntity<byte[]> payload(@PathVariable String topic, @PathVariable @PositiveOrZero int partition,
			@PathVariable @PositiveOrZero long offset) {
		DeadLetter deadLetter = find(topic, partition, offset);
		if (deadLetter.value() == null) {
			return ResponseEntity.noContent().build();
		}
		boolean json = deadLetter.headerText(CloudEventHeaders.CONTENT_TYPE)
			.filter(CloudEventHeaders.APPLICATION_JSON::equals)
			.isPresent();
		return ResponseEntity.ok()
			.contentType(json ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(topic + "-" + partition + "-" + offset + (json ? ".json" : ".bin"))
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(deadLetter.value());
	}

	@PostMapping("/{topic}/{partition}/{offset}/replay")
	public ResolutionView replay(@PathVariable String topic, @PathVariable @PositiveOrZero int partition,
			@PathVariable @PositiveOrZero long offset, @RequestParam(defaultValue = "false") boolean force) {
		requireOwnTopic(topic, partition, offset);
		DeadLetterReplayer.Replayed replayed = replayer.replay(topic, partition, offset, force);
		return new ResolutionView(topic, partition, offset, DeadLetterResolutions.Kind.REPLAYED, replayed);
	}

	@PostMapping("/{topic}/{partition}/{offset}/discard")
	public ResolutionView discard(@PathVariable String topic, @PathVariable @PositiveOrZero int partition,
			@PathVariable @PositiveOrZero long offset, @RequestParam(defaultValue = "false") boolean force) {
		requireOwnTopic(topic, partition, offset);
		replayer.discard(topic, partition, offset, force);
		return new ResolutionView(topic, partition, offset, DeadLetterResolutions.Kind.DISCARDED, null);
	}

	@ExceptionHandler(InvalidCursorException.class)
	ResponseEntity<ProblemDetail> invalidCursor(InvalidCursorException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid dead-letter request", ex.getMessage());
	}

	/**
	 * A value Spring could not bind: {@code partition=abc},
	 * {@code includeResolved=maybe}.
	 */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> notBindable(MethodArgumentTypeMismatchException ex) {
		Class<?> type = ex.getRequiredType();
		String expected = type == boolean.class || type == Boolean.class ? "true or false" : type == int.class
				? "a whole number from 0 to " + Integer.MAX_VALUE : "a whole number from 0 to " + Long.MAX_VALUE;
		return problem(HttpStatus.BAD_REQUEST, "Invalid dead-letter request", ex.getName() + " must be " + expected);
	}

	/**
	 * A bound value out of its range: {@code limit=0}, a negative partition or offset, a
	 * cursor too long.
	 */
	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> outOfRange(HandlerMethodValidationException ex) {
		String detail = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
			.sorted()
			.collect(Collectors.joining("; "));
		return problem(HttpStatus.BAD_REQUEST, "Invalid dead-letter request", detail);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Dead letter not found", ex.getMessage());
	}

	@ExceptionHandler(AlreadyResolvedException.class)
	ResponseEntity<ProblemDetail> alreadyResolved(AlreadyResolvedException ex) {
		return problem(HttpStatus.CONFLICT, "Dead letter already resolved", ex.getMessage());
	}

	@ExceptionHandler(TooOldToReplayException.class)
	ResponseEntity<ProblemDetail> tooOld(TooOldToReplayException ex) {
		return problem(HttpStatus.CONFLICT, "Dead letter too old to replay safely", ex.getMessage());
	}

	/**
	 * Every reader busy: the memory dead-letter reads may take is bounded, so this one
	 * waits its turn.
	 */
	@ExceptionHandler(DeadLetterStore.BusyException.class)
	ResponseEntity<ProblemDetail> busy(DeadLetterStore.BusyException ex) {
		ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Dead-letter reads busy",
				ex.getMessage());
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem.getBody());
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

	private DeadLetter find(String topic, int partition, long offset) {
		requireOwnTopic(topic, partition, offset);
		return store.find(topic, partition, offset).orElseThrow(() -> new NotFoundException(topic, partition, offset));
	}

	/**
	 * Only the service's own dead-letter topics are addressable; any other name is not
	 * found.
	 */
	private void requireOwnTopic(String topic, int partition, long offset) {
		if (store.sourceTopicOf(topic).isEmpty()) {
			throw new NotFoundException(sanitized(topic), partition, offset);
		}
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

	/**
	 * A dead letter as an operator reads it. {@code headers} (every header, text or
	 * base64) only when inspecting one.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record DeadLetterView(String topic, int partition, long offset, Instant timestamp, String key, String type,
			String eventId, String reason, Integer attempts, String originalTopic, Integer originalPartition,
			Long originalOffset, DeadLetter.Rendered payload, String resolution, Instant resolvedAt,
			List<HeaderView> headers) {

		static DeadLetterView of(DeadLetterSummary deadLetter, Resolution resolution, List<HeaderView> headers) {
			return new DeadLetterView(deadLetter.topic(), deadLetter.partition(), deadLetter.offset(),
					deadLetter.timestamp(), deadLetter.key(), deadLetter.type(), deadLetter.eventId(),
					deadLetter.reason(), deadLetter.attempts(), deadLetter.originalTopic(),
					deadLetter.originalPartition(), deadLetter.originalOffset(), deadLetter.payload(),
					resolution == null ? null : resolution.kind().name(),
					resolution == null ? null : resolution.resolvedAt(), headers);
		}

	}

	/**
	 * One header; binary ones (spring-kafka's original partition and offset) in base64.
	 */
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
