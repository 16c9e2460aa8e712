#!/bin/sh
# The replica's entrypoint (see compose.yaml). On its first start the data directory is empty:
# it is filled with pg_basebackup from the primary, through the slot the primary made for it,
# and -R makes the copy start as a hot standby streaming from the primary. On later starts the
# directory is left as it is, and the standby catches up from where it stopped. Then the
# official image's own entrypoint starts PostgreSQL, as for any other container of the image.
set -eu

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready --host="$PRIMARY_HOST" --port=5432 --quiet; do
        echo "replica: waiting for the primary at $PRIMARY_HOST"
        sleep 2
    done
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres pg_basebackup \
        --host="$PRIMARY_HOST" --port=5432 --username=replicator \
        --pgdata="$PGDATA" --write-recovery-conf --wal-method=stream \
        --slot=replica --checkpoint=fast
fi

# hot_standby_feedback: long public reads are not cancelled by the primary's vacuum.
exec docker-entrypoint.sh postgres -c hot_standby=on -c hot_standby_feedback=on
