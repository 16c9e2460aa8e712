#!/bin/sh
# The primary's replication setup, run once by the official postgres image when it creates the
# data directory (files in /docker-entrypoint-initdb.d/, see compose.yaml): the role the replica
# streams as, a slot that keeps the WAL the replica has not received yet, and the pg_hba.conf
# line that lets the role connect for replication (the image's own line, `host all all all`,
# does not cover replication connections).
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SELECT pg_create_physical_replication_slot('replica');
SQL

echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
