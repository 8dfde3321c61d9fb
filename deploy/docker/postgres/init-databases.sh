#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory (docker-entrypoint-initdb.d).
# One database per service, owned by a login role of the same name whose password is the service's compose secret
# (/run/secrets/<service>-db-password, made by deploy/docker/generate-secrets.sh): no service reads another's
# tables, none logs in as the superuser, and no password is written here.
set -euo pipefail

# Revoked from PUBLIC: a role connects to its own database only, and only the owner creates in its public schema
# (PostgreSQL 15 and later no longer let PUBLIC create there; said here whatever the version).
create_owned_database() {
  local database=$1 password_file=$2
  psql --no-psqlrc --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set database="$database" --set password_file="$password_file" <<'SQL'
\set password `cat :'password_file'`
create role :"database" login nosuperuser nocreatedb nocreaterole noinherit password :'password';
create database :"database" owner :"database";
revoke all on database :"database" from public;
\connect :"database"
alter schema public owner to :"database";
revoke create on schema public from public;
SQL
}

create_owned_database order_service /run/secrets/order-service-db-password
create_owned_database payment_service /run/secrets/payment-service-db-password
create_owned_database notification_service /run/secrets/notification-service-db-password

# nor to the databases initdb made
psql --no-psqlrc --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --command 'revoke all on database postgres, template1 from public'
