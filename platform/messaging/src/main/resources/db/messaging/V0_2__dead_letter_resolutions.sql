-- Owned by messaging-support. What an operator decided about a dead letter, through the admin API
-- (/admin/dead-letters): the record stays in its dead-letter topic (Kafka is append-only), this row says it is
-- dealt with. A dead letter is addressed by its own coordinates in its dead-letter topic.
create table dead_letter_resolution (
    topic       text        not null,
    partition   integer     not null,
    "offset"    bigint      not null,
    resolution  text        not null check (resolution in ('REPLAYED', 'DISCARDED')),
    resolved_at timestamptz not null default now(),
    primary key (topic, partition, "offset")
);
