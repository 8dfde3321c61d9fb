-- Whose order each payment is, as its OrderPlaced said: a customer reads the payments of their own orders only
-- (issue 14). Rows stored before, and a payment voided before its OrderPlaced arrived, have none: they are no one's
-- until that OrderPlaced comes.
alter table payment add column customer_id text;
