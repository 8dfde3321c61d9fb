package io.orderflow.messaging.deadletter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What operators decided about dead letters ({@code dead_letter_resolution}). Kafka
 * topics are append-only: a resolved dead letter stays in its topic, and this table says
 * it is dealt with.
 */
public class DeadLetterResolutions {

	public enum Kind {

		REPLAYED, DISCARDED

	}

	public record Resolution(Kind kind, Instant resolvedAt) {
	}

	private final JdbcClient jdbc;

	public DeadLetterResolutions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Resolution> find(String topic, int partition, long offset) {
		return jdbc.sql("""
				select resolution, resolved_at from dead_letter_resolution
				where topic = ? and partition = ? and "offset" = ?""")
			.params(topic, partition, offset)
			.query((rs, n) -> new Resolution(Kind.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant()))
			.optional();
	}

	/** The resolutions of offsets {@code [from, to)} of one partition, by offset. */
	public Map<Long, Resolution> inRange(String topic, int partition, long from, long to) {
		Map<Long, Resolution> resolutions = new HashMap<>();
		jdbc.sql("""
				select "offset", resolution, resolved_at from dead_letter_resolution
				where topic = ? and partition = ? and "offset" >= ? and "offset" < ?""")
			.params(topic, partition, from, to)
			.query((RowCallbackHandler) rs -> resolutions.put(rs.getLong(1),
					new Resolution(Kind.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant())));
		return resolutions;
	}

	/** How many of the offsets {@code [from, to)} of one partition are resolved. */
	public long countInRange(String topic, int partition, long from, long to) {
		return jdbc.sql("""
				select count(*) from dead_letter_resolution
				where topic = ? and partition = ? and "offset" >= ? and "offset" < ?""")
			.params(topic, partition, from, to)
			.query(Long.class)
			.single();
	}

	/**
	 * Records a resolution, in the caller's transaction when there is one. Without
	 * {@code force}, only the first resolution of a dead letter counts: a concurrent
	 * second one waits for the first to commit, then is refused.
	 * @return whether it was recorded ({@code false}: already resolved and not forced)
	 */
	public boolean record(String topic, int partition, long offset, Kind kind, boolean force) {
		String onConflict = force ? "do update set resolution = excluded.resolution, resolved_at = now()"
				: "do nothing";
		return jdbc.sql("""
				insert into dead_letter_resolution (topic, partition, "offset", resolution)
				values (?, ?, ?, ?) on conflict (topic, partition, "offset") """ + onConflict)
			.params(topic, partition, offset, kind.name())
			.update() == 1;
	}

}
