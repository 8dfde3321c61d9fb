-- An Idempotency-Key is chosen by a client, and clients are customers: two customers may well pick the same key (a
-- counter, a cart id) and must get two orders. The key is unique per customer; keys remembered before are moved to
-- the customer of the order they placed.
alter table idempotency_key add column customer_id text;
update idempotency_key k set customer_id = o.customer_id from customer_order o where o.id = k.order_id;
alter table idempotency_key alter column customer_id set not null;
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (customer_id, idempotency_key);

-- IdempotencyKeyPruning deletes the oldest keys first, past the retention horizon
create index idempotency_key_by_age on idempotency_key (created_at);
