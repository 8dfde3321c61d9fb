-- GET /api/orders lists newest first by (placed_at, id) and starts a next page right after the last order seen
-- (keyset paging, ADR 0019). Each filter gets an index in exactly that order, so a page reads its own rows and
-- stops, and the position is where the index scan starts: no listing reads the whole table or sorts it.
-- A customer's orders are few, so "customer and state" reads the customer's index and filters the state.
--
-- Plain CREATE INDEX, in the migration's transaction: it blocks writes to customer_order while it builds, a moment
-- on a demo's table. A fork with a large table builds them beforehand with CREATE INDEX CONCURRENTLY (outside
-- Flyway: its advisory lock and a concurrent build wait for each other) under these names; this file then keeps them.
drop index if exists customer_order_by_customer;
drop index if exists customer_order_by_status;
create index if not exists customer_order_newest on customer_order (placed_at desc, id desc);
create index if not exists customer_order_by_customer_newest on customer_order (customer_id, placed_at desc, id desc);
create index if not exists customer_order_by_status_newest on customer_order (status, placed_at desc, id desc);
