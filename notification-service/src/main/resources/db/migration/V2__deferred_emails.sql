-- An email is no longer always sent when its row is written: the mail server may refuse its recipient for now
-- (DEFERRED, sent again later within a budget) or for good (UNDELIVERABLE, its event dead-lettered). Rows written
-- before were all sent. See docs/adr/0017-mail-retry-budget.md.
alter table notification
    add column status            text    not null default 'SENT'
        check (status in ('SENT', 'DEFERRED', 'UNDELIVERABLE')),
    -- how often the mail server answered about the email; outages do not count
    add column attempts          integer not null default 1 check (attempts >= 0),
    -- the email's Date header, kept for a later attempt; sent_at is now when the server accepted it
    add column composed_at       timestamptz,
    add column next_attempt_at   timestamptz,
    -- the server's last refusal, code and text
    add column last_reply        text,
    -- the order event that asked for a deferred email, as its producer published it, and where it was read:
    -- dead-lettered whole when the email cannot be delivered
    add column event_type        text,
    add column event_payload     bytea,
    add column event_occurred_at timestamptz,
    add column event_partition   integer,
    add column event_offset      bigint,
    alter column sent_at drop not null;

update notification set composed_at = sent_at;

alter table notification
    alter column composed_at set not null,
    add constraint notification_sent_has_sent_at check ((status = 'SENT') = (sent_at is not null)),
    add constraint notification_deferred_is_due check (status <> 'DEFERRED' or next_attempt_at is not null),
    add constraint notification_deferred_has_event check (status <> 'DEFERRED' or event_payload is not null);

-- the retrier's claim of the next due email, and the gauge of deferred ones
create index notification_deferred_due on notification (next_attempt_at) where status = 'DEFERRED';
-- the gauge of undeliverable ones
create index notification_undeliverable on notification (composed_at) where status = 'UNDELIVERABLE';
