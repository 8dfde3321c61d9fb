-- The "effect" of the test consumer: one row per processed payment event.
create table test_effect (
    event_id uuid primary key,
    order_id uuid not null
);
