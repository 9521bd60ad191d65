#!/usr/bin/env bash
# IMAP sync: first sync of a mailbox holding 10,000 messages, then incremental syncs; against
# GreenMail (the test peer) and, when installed (apt-get install dovecot-imapd), a real Dovecot
# started here on a loopback port with a throwaway Maildir.
#   bash bench/imap-sync.sh [messages]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
MESSAGES="${1:-10000}"
ARGS="-Xmx1g -Dbench.messages=$MESSAGES"
DV=""
if command -v dovecot >/dev/null; then
	DV="$(mktemp -d /tmp/bench-dovecot.XXXXXX)"
	# Dovecot reads the Maildir as nobody: the directory must be traversable.
	chmod 755 "$DV"
	PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
	mkdir -p "$DV/run" "$DV/state" "$DV/mail/bench@bench.test"
	echo 'bench@bench.test:{PLAIN}secret' > "$DV/users"
	cat > "$DV/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $DV/run
state_dir = $DV/state
log_path = $DV/dovecot.log
ssl = no
disable_plaintext_auth = no
mail_location = maildir:$DV/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DV/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$DV/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
}
first_valid_uid = 100
CONF
	chmod -R 777 "$DV/mail"
	dovecot -c "$DV/dovecot.conf"
	trap 'doveadm -c "$DV/dovecot.conf" stop >/dev/null 2>&1 || true; rm -rf "$DV"' EXIT
	ARGS="$ARGS -Dbench.dovecot.port=$PORT -Dbench.dovecot.maildir=$DV/mail/bench@bench.test"
else
	echo "dovecot not installed: GreenMail only (apt-get install -y dovecot-imapd for a real server)" >&2
fi
./mvnw -q -B test -Dtest=InboundSyncBench -Dsurefire.excludedGroups= -DargLine="$ARGS" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*InboundSyncBench-output.txt
