-- Whose order it is, as its OrderPlaced said: a customer reads the emails about their own orders only (issue 14).
-- The outcome events name the recipient's email, not the customer, so the owner is kept from the OrderPlaced, one row
-- per order. Orders placed before this table existed have none: their emails are no one's.
create table order_customer (
    order_id    uuid primary key,
    customer_id text not null
);
