#!/usr/bin/env bash
# The contacts table (GET /contacts, rendered) of a workspace with 1,000,000 contacts: first page,
# searches, filters, sorts, a deep keyset page and the counts (warm median and p95), and the plans.
#   bash bench/contacts-page.sh [contacts] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=ContactsPageBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.contacts=${1:-1000000} -Dbench.rounds=${2:-30}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*ContactsPageBench-output.txt
