-- Owned by messaging-support and shared by every service's database.
-- Versions 0.x belong to messaging-support; each service numbers its own migrations from 1.

-- Transactional outbox: a row is written in the same transaction as the state change it announces,
-- and deleted by the relay once Kafka acknowledged it (acks=all). Rows are relayed in id order.
create table outbox_message (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    source       text        not null,
    occurred_at  timestamptz not null,
    payload      bytea       not null,
    created_at   timestamptz not null default now()
);

-- Inbox of an idempotent consumer: the id of every event whose effect is committed, written in the same
-- transaction as that effect, so a redelivered event is recognised and skipped.
create table inbox_message (
    event_id     uuid        primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);
