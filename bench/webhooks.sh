#!/usr/bin/env bash
# Webhook senders: 1,000 events/s for 60 s appended through WebhookEventLog.append (one endpoint,
# 1,000 contacts as ordering keys), sent by the production sender loop (32 in flight) to a receiver
# on loopback that verifies every signature; delivered count, lag p50/p99 (receive time − event
# occurred_at) and peak heap, with the JVM capped at 512 MB.
#   bash bench/webhooks.sh [events-per-second] [seconds]
# Figures (2 cores shared with four other builds, embedded PostgreSQL durable, -Xmx512m, 2026-12-01):
#   1,000 events/s for 60 s: 60,000 produced, 60,000 delivered (all signatures valid) by 85.5 s, i.e.
#   ~700 deliveries/s on one node; lag p50 13.7 s, p99 25.3 s (the backlog of a node below the rate);
#   peak heap 146 MiB. The roadmap's < 5 s at 1,000 events/s is NOT met on this machine.
#   At ~270 events/s (an earlier run whose single producer could not go faster): all delivered,
#   lag p50 98 ms, p99 262 ms, peak heap 150 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=WebhookDeliveryBench -Dsurefire.excludedGroups= -Dbench.rate="${1:-1000}" \
	-Dbench.seconds="${2:-60}" -DargLine=-Xmx512m -Dsurefire.failIfNoSpecifiedTests=false \
	-Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*WebhookDeliveryBench-output.txt
