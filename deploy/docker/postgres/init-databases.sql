-- Runs once, when the postgres container initialises an empty data directory.
-- One database per service: no service reads another's tables.
create database order_service;
create database payment_service;
create database notification_service;
