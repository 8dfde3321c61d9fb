-- order-service owns these tables; no other service reads them.

create table customer_order (
    id             uuid          primary key,
    customer_id    text          not null,
    customer_email text          not null,
    currency       char(3)       not null,
    payment_method text          not null,
    total          numeric(19,2) not null check (total > 0),
    status         text          not null,
    placed_at      timestamptz   not null,
    deadline       timestamptz   not null,
    updated_at     timestamptz   not null
);
create index customer_order_by_customer on customer_order (customer_id, placed_at desc);
create index customer_order_by_status on customer_order (status, placed_at desc);
-- the expiry job only looks at orders that still await an outcome
create index customer_order_awaiting_outcome on customer_order (deadline)
    where status in ('PENDING', 'CANCELLATION_REQUESTED');

create table order_line (
    order_id   uuid          not null references customer_order (id),
    line_no    int           not null,
    sku        text          not null,
    quantity   int           not null check (quantity > 0),
    unit_price numeric(19,2) not null check (unit_price > 0),
    primary key (order_id, line_no)
);

-- append-only: GET /api/orders/{id} shows it as the order's history
create table order_status_change (
    order_id   uuid        not null references customer_order (id),
    seq        int         not null,
    status     text        not null,
    reason     text        not null,
    changed_at timestamptz not null,
    primary key (order_id, seq)
);

-- the key is claimed before the order row is written, in the same transaction: check the reference at commit
create table idempotency_key (
    idempotency_key     text        primary key,
    request_fingerprint text        not null,
    order_id            uuid        not null references customer_order (id) deferrable initially deferred,
    created_at          timestamptz not null default now()
);
