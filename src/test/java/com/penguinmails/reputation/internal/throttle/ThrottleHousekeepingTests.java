package com.penguinmails.reputation.internal.throttle;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provider signals are forgotten after 30 days (twice the 7-day guard window is less) and
 * decisions after 400 days; newer ones stay, as the decision window, the guards and the
 * timeline read them.
 */
@IntegrationTest
class ThrottleHousekeepingTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ThrottleHousekeeping housekeeping;

	@Test
	void oldSignalsAndDecisionsAreForgottenAndRecentOnesKept() {
		UUID workspace = fixtures.verifiedAccount("thr-housekeeping").workspaceId();
		UUID mailbox = UUID.randomUUID();
		for (String age : new String[] { "31 days", "29 days" }) {
			fixtures.jdbc()
				.sql("""
						INSERT INTO throttle_signals (id, workspace_id, mailbox_id, path, provider, recipient_domain, signal,
						    counted, source, reply, seen_at)
						VALUES (gen_random_uuid(), ?, ?, 'google', 'google', 'gmail.com', 'rate_limited', true, 'smtp',
						    '421 4.7.28 ' || ?, now() - ?::interval)""")
				.params(workspace, mailbox, age, age)
				.update();
		}
		for (String age : new String[] { "401 days", "399 days" }) {
			fixtures.jdbc()
				.sql("""
						INSERT INTO throttle_decisions (id, workspace_id, mailbox_id, sender_domain, path, provider, action,
						    state, per_hour, min_gap_seconds, reason, signals, window_seconds, evidence, decided_at)
						VALUES (gen_random_uuid(), ?, ?, 'example.com', 'google', 'google', 'slow', 'slowed', 20, 180,
						    ?, 3, 3600, ARRAY[]::text[], now() - ?::interval)""")
				.params(workspace, mailbox, age, age)
				.update();
		}
		assertThat(housekeeping.signalsKept()).hasDays(30);

		assertThat(housekeeping.clean()).isGreaterThanOrEqualTo(2);

		assertThat(fixtures.jdbc()
			.sql("SELECT reply FROM throttle_signals WHERE workspace_id = ?")
			.param(workspace)
			.query(String.class)
			.list()).containsExactly("421 4.7.28 29 days");
		assertThat(fixtures.jdbc()
			.sql("SELECT reason FROM throttle_decisions WHERE workspace_id = ?")
			.param(workspace)
			.query(String.class)
			.list()).containsExactly("399 days");
	}

}
