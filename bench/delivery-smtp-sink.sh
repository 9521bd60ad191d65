#!/usr/bin/env bash
# End-to-end delivery to a sink in another process: the same DKIM-signed messages as
# bench/delivery.sh (JVM capped at 512 MB, durable PostgreSQL), sent to Postfix's smtp-sink
# on loopback instead of an SMTP server inside the JVM. Prints messages/s, peak heap and
# what smtp-sink counted.
#   bash bench/delivery-smtp-sink.sh [messages]
# Needs /usr/sbin/smtp-sink (Debian/Ubuntu: apt-get install postfix, choosing "No configuration").
# Extra Maven flags (e.g. -o -Dfrontend.skip=true) in BENCH_MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
SINK=${SMTP_SINK:-/usr/sbin/smtp-sink}
if [ ! -x "$SINK" ]; then
	echo "SKIP: $SINK not found; install it with: sudo apt-get install postfix (choose \"No configuration\")"
	exit 0
fi
MESSAGES=${1:-100000}
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
COUNTS=$(mktemp)
# -c: running counters (sess=, quit=, mesg=), updated at each "." and QUIT; 256: listen backlog.
# -a: no AUTH offered (smtp-sink answers AUTH with 250, which a client rightly takes as a refusal;
# the bench's mailboxes are set to "no authentication" for it).
# As root it must drop privileges (-u).
USER_OPT=()
if [ "$(id -u)" = 0 ]; then USER_OPT=(-u nobody); fi
"$SINK" -c -a "${USER_OPT[@]}" "127.0.0.1:$PORT" 256 >"$COUNTS" 2>&1 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true; rm -f "$COUNTS"' EXIT
sleep 0.5
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test ${BENCH_MAVEN_ARGS:-} -Dtest=DeliveryBench -Dsurefire.excludedGroups= -Dbench.messages="$MESSAGES" \
	-Dbench.sinkPort="$PORT" -DargLine=-Xmx512m -Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*DeliveryBench-output.txt
sleep 0.5
COUNTED=$(tr '\r' '\n' <"$COUNTS" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2)
echo "BENCH smtp-sink (pid $SINK_PID, port $PORT) counted ${COUNTED:-0} messages of $MESSAGES"
