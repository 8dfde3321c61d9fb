-- payment-service owns this table; at most one payment per order.
create table payment (
    order_id       uuid          primary key,
    status         text          not null,
    amount         numeric(19,2) not null,
    currency       char(3)       not null,
    charge_id      text,
    decline_reason text,
    refund_id      text,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null
);
