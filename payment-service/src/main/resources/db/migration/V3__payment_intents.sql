-- payment-service records the intent to charge (status PENDING, with the order's amount) before it calls the
-- provider, so that "no payment row" always means "never charged" (ADR 0016). The attempts number the idempotency
-- keys: a key the provider spent on a failure of its own is followed by the next one, never reused.
alter table payment add column charge_attempt integer not null default 1 check (charge_attempt >= 1);
alter table payment add column refund_attempt integer not null default 1 check (refund_attempt >= 1);
alter table payment add constraint payment_status_known
    check (status in ('PENDING', 'AUTHORIZED', 'DECLINED', 'REFUNDED', 'VOIDED'));
