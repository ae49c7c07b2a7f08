#!/bin/sh
# Run once by the postgres image, when its data volume is still empty
# (/docker-entrypoint-initdb.d). Each service owns its database (docs/conventions.md), so
# each gets its own role: policy-service cannot read the mailboxes, mda-service cannot read
# the directory. Flyway creates the tables at the services' first start.
set -eu
: "${YUBIN_POLICY_DB_PASSWORD:?set YUBIN_POLICY_DB_PASSWORD}"
: "${YUBIN_MDA_DB_PASSWORD:?set YUBIN_MDA_DB_PASSWORD}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v policy_password="$YUBIN_POLICY_DB_PASSWORD" \
    -v mda_password="$YUBIN_MDA_DB_PASSWORD" <<'SQL'
CREATE ROLE yubin_policy LOGIN PASSWORD :'policy_password';
CREATE ROLE yubin_mda LOGIN PASSWORD :'mda_password';
CREATE DATABASE yubin_policy OWNER yubin_policy;
CREATE DATABASE yubin_mda OWNER yubin_mda;
REVOKE ALL ON DATABASE yubin_policy FROM PUBLIC;
REVOKE ALL ON DATABASE yubin_mda FROM PUBLIC;
SQL
