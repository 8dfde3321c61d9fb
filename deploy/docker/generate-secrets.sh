#!/usr/bin/env bash
# Makes up the compose demo's passwords, once: each missing file in deploy/docker/secrets/ (git-ignored) gets a
# random one; existing files are kept, since the postgres volume was initialised with them (kafka-provisioning sets
# the Kafka users' passwords at every `up`). Run it before the first `docker compose up`. To change a password,
# delete its file and the volume (`docker compose down -v`).
# The folder is its owner's only (0700). The files themselves are readable (0644) because compose bind-mounts them
# into the containers as they are, where the services run as another user (10001, postgres, grafana) than yours.
# docker-compose.yml names each file; ComposeConsistencyTest checks that this list and that one agree.
set -euo pipefail
secrets="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$secrets"
chmod 700 "$secrets"
for name in postgres-password order-service-db-password payment-service-db-password \
  notification-service-db-password grafana-admin-password kafka-admin-password kafka-order-service-password \
  kafka-payment-service-password kafka-notification-service-password kafka-console-password; do
  file="$secrets/$name"
  if [ ! -s "$file" ]; then
    # 32 letters and digits (190 bits): nothing a shell, SQL or a URL would need escaped
    password=$(LC_ALL=C tr -dc 'A-Za-z0-9' < <(head -c 1024 /dev/urandom))
    [ "${#password}" -ge 32 ] || { echo "not enough random letters, run again" >&2; exit 1; }
    (umask 022 && printf '%s' "${password:0:32}" >"$file")
    echo "wrote $file"
  fi
done
