-- notification-service owns this table: one row per email sent, at most one per order and outcome.
create table notification (
    id         bigint      generated always as identity primary key,
    order_id   uuid        not null,
    outcome    text        not null,
    recipient  text        not null,
    subject    text        not null,
    body       text        not null,
    message_id text        not null,
    event_id   uuid        not null,
    sent_at    timestamptz not null,
    unique (order_id, outcome)
);
