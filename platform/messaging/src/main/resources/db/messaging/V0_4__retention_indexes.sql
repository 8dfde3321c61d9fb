-- Owned by messaging-support. Pruning (RetentionPruner, ADR 0018) deletes the oldest inbox rows and dead-letter
-- resolutions in small batches: these indexes find them without reading the tables.
-- A plain build blocks writes to the table while it runs: milliseconds for the demo, minutes for an inbox of a
-- hundred million rows. Such an installation creates the index first, by hand, without blocking writes
-- (create index concurrently inbox_message_processed_at on inbox_message (processed_at)); this migration then finds
-- it and does nothing. Not concurrently here: Flyway's lock would make that wait for itself.
create index if not exists inbox_message_processed_at on inbox_message (processed_at);
create index if not exists dead_letter_resolution_resolved_at on dead_letter_resolution (resolved_at);
