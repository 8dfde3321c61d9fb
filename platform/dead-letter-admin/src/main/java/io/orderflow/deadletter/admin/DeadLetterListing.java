package io.orderflow.deadletter.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import io.orderflow.messaging.deadletter.DeadLetter;
import io.orderflow.messaging.deadletter.DeadLetterResolutions.Resolution;
import io.orderflow.messaging.deadletter.DeadLetterResolutions;
import io.orderflow.messaging.deadletter.DeadLetterStore;
import io.orderflow.messaging.deadletter.DeadLetterSummary;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The dead letters of the service, newest first, one page at a time: unresolved ones only
 * unless asked. Each page reads, per partition, only the records it may show (plus those
 * resolved in between, which it skips), holds only {@link DeadLetterSummary summaries},
 * and says where the next page goes on ({@link DeadLetterCursor}).
 *
 * <p>
 * Order: within a partition by offset, newest first, so that a page never skips one;
 * across partitions by the dead letters' timestamps, newest first.
 */
public class DeadLetterListing {

	private final DeadLetterStore store;

	private final DeadLetterResolutions resolutions;

	public DeadLetterListing(DeadLetterStore store, DeadLetterResolutions resolutions) {
		this.store = store;
		this.resolutions = resolutions;
	}

	/**
	 * @param cursor where the previous page said to go on; {@code null} for the first
	 * page
	 * @param limit the most dead letters on the page
	 * @param previewBytes how much of each payload the page shows
	 */
	public Page page(@Nullable DeadLetterCursor cursor, int limit, boolean includeResolved, int previewBytes) {
		try (DeadLetterStore.Reader reader = store.reader()) {
			Map<TopicPartition, long[]> ranges = reader.ranges();
			Map<TopicPartition, long[]> windows = new LinkedHashMap<>();
			Map<TopicPartition, Map<Long, Resolution>> resolved = new HashMap<>();
			ranges.forEach((tp, range) -> {
				long until = Math.clamp(cursor == null ? range[1] : cursor.before().getOrDefault(tp, range[0]),
						range[0], range[1]);
				if (until > range[0]) {
					long from = windowStart(tp, range[0], until, limit, includeResolved);
					windows.put(tp, new long[] { from, until });
					resolved.put(tp, resolutions.inRange(tp.topic(), tp.partition(), from, until));
				}
			});
			Map<TopicPartition, DeadLetterStore.Scanned> scanned = reader
				.newest(windows, limit,
						deadLetter -> includeResolved
								|| !resolved.get(partitionOf(deadLetter)).containsKey(deadLetter.offset()),
						previewBytes);
			List<Entry> entries = merge(scanned, limit, resolved);
			return new Page(entries, next(ranges, windows, scanned, entries));
		}
	}

	/**
	 * Where to start reading below {@code until} to find {@code limit} dead letters:
	 * {@code limit} records back, and as many more as are resolved among them when only
	 * unresolved ones are wanted; at most {@link DeadLetterStore#MAX_SCAN_PER_PARTITION}.
	 */
	private long windowStart(TopicPartition tp, long begin, long until, int limit, boolean includeResolved) {
		long window = limit;
		while (!includeResolved && window < DeadLetterStore.MAX_SCAN_PER_PARTITION && until - window > begin) {
			long resolvedInWindow = resolutions.countInRange(tp.topic(), tp.partition(), until - window, until);
			if (limit + resolvedInWindow <= window) {
				break;
			}
			window = Math.min(limit + resolvedInWindow, DeadLetterStore.MAX_SCAN_PER_PARTITION);
		}
		return Math.max(begin, until - Math.min(window, DeadLetterStore.MAX_SCAN_PER_PARTITION));
	}

	/**
	 * The newest {@code limit} across partitions, each partition's taken newest first,
	 * none skipped.
	 */
	private static List<Entry> merge(Map<TopicPartition, DeadLetterStore.Scanned> scanned, int limit,
			Map<TopicPartition, Map<Long, Resolution>> resolved) {
		Comparator<Head> newestFirst = Comparator.comparing((Head head) -> head.current().timestamp())
			.thenComparingLong(head -> head.current().offset())
			.reversed()
			.thenComparing(head -> head.current().topic())
			.thenComparingInt(head -> head.current().partition());
		PriorityQueue<Head> heads = new PriorityQueue<>(newestFirst);
		scanned.values()
			.stream()
			.filter(s -> !s.newestFirst().isEmpty())
			.forEach(s -> heads.add(new Head(s.newestFirst(), 0)));
		List<Entry> entries = new ArrayList<>();
		while (entries.size() < limit && !heads.isEmpty()) {
			Head head = heads.poll();
			DeadLetterSummary summary = head.current();
			entries.add(new Entry(summary, resolved.get(partitionOf(summary)).get(summary.offset())));
			if (head.index() + 1 < head.summaries().size()) {
				heads.add(new Head(head.summaries(), head.index() + 1));
			}
		}
		return entries;
	}

	/**
	 * Per partition, below what the next page goes on; {@code null} when no partition has
	 * anything left.
	 */
	private static @Nullable DeadLetterCursor next(Map<TopicPartition, long[]> ranges,
			Map<TopicPartition, long[]> windows, Map<TopicPartition, DeadLetterStore.Scanned> scanned,
			List<Entry> entries) {
		Map<TopicPartition, Long> lowestTaken = new HashMap<>();
		Map<TopicPartition, Integer> taken = new HashMap<>();
		for (Entry entry : entries) {
			TopicPartition tp = partitionOf(entry.deadLetter());
			lowestTaken.merge(tp, entry.deadLetter().offset(), Math::min);
			taken.merge(tp, 1, Integer::sum);
		}
		Map<TopicPartition, Long> before = new LinkedHashMap<>();
		windows.forEach((tp, window) -> {
			DeadLetterStore.Scanned found = scanned.get(tp);
			boolean olderUnread = window[0] > ranges.get(tp)[0];
			int takenHere = taken.getOrDefault(tp, 0);
			if (takenHere > 0) {
				if (takenHere < found.newestFirst().size() || found.trimmed() || olderUnread) {
					before.put(tp, lowestTaken.get(tp));
				}
			}
			else if (!found.newestFirst().isEmpty()) {
				before.put(tp, window[1]);
			}
			else if (olderUnread) {
				before.put(tp, window[0]);
			}
		});
		return before.isEmpty() ? null : new DeadLetterCursor(before);
	}

	private static TopicPartition partitionOf(DeadLetter deadLetter) {
		return new TopicPartition(deadLetter.topic(), deadLetter.partition());
	}

	private static TopicPartition partitionOf(DeadLetterSummary summary) {
		return new TopicPartition(summary.topic(), summary.partition());
	}

	private record Head(List<DeadLetterSummary> summaries, int index) {

		DeadLetterSummary current() {
			return summaries.get(index);
		}

	}

	/**
	 * @param resolution what an operator decided about it, {@code null} while unresolved
	 */
	public record Entry(DeadLetterSummary deadLetter, @Nullable Resolution resolution) {
	}

	/**
	 * @param next where the next page goes on; {@code null} on the last page
	 */
	public record Page(List<Entry> entries, @Nullable DeadLetterCursor next) {
	}

}
