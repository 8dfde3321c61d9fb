-- An order cancelled or expired before payment-service charged it is recorded as VOIDED, without an amount,
-- so that a late or replayed OrderPlaced never charges it.
alter table payment alter column amount drop not null;
alter table payment alter column currency drop not null;
