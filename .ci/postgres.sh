#!/usr/bin/env bash
# A throw-away PostgreSQL server for accords' tests, on 127.0.0.1 and a free port.
#
#   source .ci/postgres.sh          # start (or reuse) it and export ACCORDS_TEST_POSTGRES
#   bash .ci/postgres.sh            # the same, printing the URL on stdout
#   bash .ci/postgres.sh stop       # stop it and remove its data
#
# On a fresh Debian machine, as root, it installs Debian's `postgresql` package
# with apt-get first. The cluster lives in $ACCORDS_PG_DIR (default
# /tmp/accords-postgres), owned by the `postgres` user when run as root (initdb
# refuses to run as root). Running it again reuses a running server, restarts a
# stopped one, and never touches the system's own clusters. Progress goes to
# stderr; only the URL goes to stdout.

_accords_pg() (
    set -euo pipefail
    dir="${ACCORDS_PG_DIR:-/tmp/accords-postgres}"
    data="$dir/data"
    db=accords user=accords password=accords
    say() { echo "postgres.sh: $*" >&2; }

    bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
    as_owner() {
        if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
    }

    if [ "${1:-}" = stop ]; then
        if [ -d "$data" ]; then
            as_owner "$(bindir)/pg_ctl" -D "$data" -m fast stop >&2 || true
        fi
        rm -rf "$dir"
        say "stopped; removed $dir"
        exit 0
    fi

    if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
        if [ "$(id -u)" != 0 ]; then
            say "PostgreSQL is not installed; run as root to install Debian's postgresql package"
            exit 1
        fi
        say "installing postgresql with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq --no-install-recommends postgresql >&2
    fi
    bin="$(bindir)"

    port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

    if [ ! -f "$data/PG_VERSION" ]; then
        say "creating a cluster in $data"
        rm -rf "$dir"
        mkdir -p "$dir"
        if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
        pwfile="$dir/.pw"
        (umask 077 && echo "$password" >"$pwfile")
        if [ "$(id -u)" = 0 ]; then chown postgres: "$pwfile"; fi
        as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >&2
        rm -f "$pwfile"
    fi

    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        port="$(cat "$dir/port" 2>/dev/null || echo 55432)"
        while ! port_free "$port"; do port=$((port + 1)); done
        echo "$port" >"$dir/port"
        say "starting the server on 127.0.0.1:$port"
        as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on" start >&2
    fi
    port="$(cat "$dir/port")"

    psql_admin() { as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" ]; then
        psql_admin -c "CREATE ROLE $user LOGIN PASSWORD '$password'" >&2
    fi
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        psql_admin -c "CREATE DATABASE $db OWNER $user" >&2
    fi
    echo "postgresql://$user:$password@127.0.0.1:$port/$db"
)

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: export the URL into the caller's shell, leaving its options alone.
    if _accords_url="$(_accords_pg "$@")"; then
        if [ "${1:-}" = stop ]; then
            unset ACCORDS_TEST_POSTGRES
        else
            export ACCORDS_TEST_POSTGRES="$_accords_url"
            echo "ACCORDS_TEST_POSTGRES=$ACCORDS_TEST_POSTGRES" >&2
        fi
    else
        echo "postgres.sh: failed; ACCORDS_TEST_POSTGRES is not set" >&2
        unset _accords_url
        unset -f _accords_pg
        return 1
    fi
    unset _accords_url
    unset -f _accords_pg
else
    _accords_pg "$@"
fi
