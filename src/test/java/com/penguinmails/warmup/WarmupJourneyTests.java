package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Dovecot;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.ReceivingFixtures.PoolMailbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole warmup loop on real mail servers, for 14 simulated days (instants passed, no
 * sleeps): six mailboxes on three domains in two workspaces that share the pool, their
 * SMTP the Dovecot harness's front (so each receiver's Sieve script runs on delivery) and
 * their IMAP Dovecot. Each day the pool plans and sends, the receivers find the mail,
 * answer half of it and file it, the answers are sent and found, health is measured and
 * the closed loop adjusts. For the first three days every receiver's Sieve files one
 * sender's mail into Junk: it is rescued, that sender steps back, and resumes once its
 * mail lands in the inbox again.
 */
@IntegrationTest
class WarmupJourneyTests {

	/**
	 * The custom schedule: 2 on day 1, +1 a day, up to 6; half of what arrives answered.
	 */
	static final MailboxWarmupChanges SCHEDULE = new MailboxWarmupChanges(true, "custom", 2, 1, 6, 50, false, true,
			"08:00", "18:00", "UTC", null, null, null);

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReceivingFixtures receiving;

	@Autowired
	Warmup warmup;

	@Autowired
	WarmupDays days;

	@Autowired
	WarmupPool pool;

	@Autowired
	WarmupReceiver receiver;

	@Autowired
	WarmupHealth health;

	@Autowired
	WarmupRamp ramp;

	@Autowired
	InboundSync inbound;

	List<UUID> switchedOff = List.of();

	@BeforeEach
	void onlyThisPool() {
		Dovecot.get();
		switchedOff = WarmupTestData.switchOffOtherPools(fixtures.jdbc());
	}

	@AfterEach
	void restoreOtherPools() {
		WarmupTestData.restorePools(fixtures.jdbc(), switchedOff);
	}

	@Test
	void sixMailboxesWarmForFourteenDaysAndASpamFiledSenderStepsBackAndRecovers() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		Account one = sharing("journey-one");
		Account two = sharing("journey-two");
		List<PoolMailbox> boxes = List.of(box(one, "ann", "a", suffix), box(one, "abe", "a", suffix),
				box(one, "bea", "b", suffix), box(two, "bob", "b", suffix), box(two, "cat", "c", suffix),
				box(two, "cid", "c", suffix));
		PoolMailbox cid = boxes.get(5);
		LocalDate start = LocalDate.now(ZoneOffset.UTC);
		for (PoolMailbox box : boxes) {
			warmup.update(box.account().owner(), box.id(), SCHEDULE, Instant.now());
			// Every receiver's "spam filter" files cid's mail into Junk.
			Dovecot.get()
				.sieve(box.email(), "require \"fileinto\";\nif address :is \"from\" \"" + cid.email()
						+ "\" { fileinto \"Junk\"; }\n");
		}

		for (int d = 0; d < 14; d++) {
			LocalDate day = start.plusDays(d);
			if (d == 3) {
				boxes.forEach(box -> Dovecot.get().sieve(box.email(), "keep;\n"));
			}
			simulate(day, boxes, d == 0);
		}

		WarmupPlan plain = new WarmupPlan(new WarmupSchedule(WarmupSchedule.Preset.CUSTOM, 2, 1, 6, 50, false, true),
				start, 100, null, 10, null);
		Instant end = start.plusDays(14).atStartOfDay(ZoneOffset.UTC).toInstant();
		for (PoolMailbox box : boxes) {
			List<WarmupDay> view = days.days(box.account().owner(), box.id(), start, start.plusDays(13), end);
			assertThat(view).hasSize(14).allSatisfy(day -> {
				assertThat(day.sent()).as("%s sent on %s", box.email(), day.day()).isEqualTo(day.planned());
				assertThat(day.missing()).isZero();
				assertThat(day.other()).isZero();
			});
			if (box != cid) {
				assertThat(view).allSatisfy(day -> assertThat(day.planned()).isEqualTo(plain.plannedOn(day.day())));
				assertThat(view).allSatisfy(day -> assertThat(day.spam()).isZero());
			}
			// Nothing of warmup stays where the person reads mail.
			assertThat(Dovecot.get().folder(box.email(), "INBOX")).isEmpty();
			assertThat(Dovecot.get().folder(box.email(), "Junk")).isEmpty();
			assertThat(Dovecot.get().folder(box.email(), "Warmup")).isNotEmpty()
				.allSatisfy(stored -> assertThat(stored.seen() && stored.flagged()).isTrue());
		}

		List<WarmupDay> cidDays = days.days(cid.account().owner(), cid.id(), start, start.plusDays(13), end);
		List<String> notes = cidDays.stream().flatMap(day -> day.notes().stream()).toList();
		assertThat(notes).anySatisfy(note -> assertThat(note).startsWith("Stepped back to 75 %"));
		assertThat(notes).anySatisfy(note -> assertThat(note).startsWith("Resumed"));
		// What it sent while the filter was on went to spam, answers included, and was
		// rescued.
		assertThat(fixtures.jdbc()
			.sql("SELECT placement, rescued, filed FROM warmup_messages WHERE sender_mailbox_id = ? AND sent_at < ?")
			.params(cid.id(), java.sql.Timestamp.from(start.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query()
			.listOfRows())
			.hasSizeGreaterThanOrEqualTo(2 + 3 + 2)
			.allSatisfy(row -> assertThat(row).containsEntry("placement", "spam")
				.containsEntry("rescued", true)
				.containsEntry("filed", true));
		assertThat(cidDays.subList(4, 14)).allSatisfy(day -> assertThat(day.spam()).isZero());
		assertThat(cidDays).anySatisfy(day -> assertThat(day.planned()).isLessThan(plain.plannedOn(day.day())));
		assertThat(cidDays.get(13).rampPercent()).isEqualTo(100);
		assertThat(cidDays.get(13).planned()).isEqualTo(6);
		int rescued = boxes.stream()
			.mapToInt(box -> days.days(box.account().owner(), box.id(), start, start.plusDays(13), end)
				.stream()
				.mapToInt(WarmupDay::rescued)
				.sum())
			.sum();
		assertThat(rescued).isEqualTo(cidDays.stream().mapToInt(WarmupDay::spam).sum());

		// Half of the first messages were answered in their thread, threads end after
		// four
		// messages, and every answer was sent and found in an inbox.
		Map<String, Object> counts = fixtures.jdbc()
			.sql("""
					SELECT count(*) FILTER (WHERE m.kind = 'initial') AS initial,
					       count(*) FILTER (WHERE m.kind = 'reply' AND o.kind = 'initial') AS answered,
					       count(*) FILTER (WHERE m.sent_at IS NOT NULL AND m.placement IN ('pending', 'missing')) AS lost,
					       (SELECT max(n) FROM (SELECT count(*) AS n FROM warmup_messages
					           WHERE sender_workspace_id IN (?, ?) GROUP BY thread_id) t) AS longest
					FROM warmup_messages m LEFT JOIN warmup_messages o ON o.message_id = m.in_reply_to
					WHERE m.sender_workspace_id IN (?, ?)""")
			.params(one.workspaceId(), two.workspaceId(), one.workspaceId(), two.workspaceId())
			.query()
			.singleRow();
		long initial = (Long) counts.get("initial");
		assertThat((Long) counts.get("answered")).isBetween(initial * 35 / 100, initial * 65 / 100);
		assertThat(counts.get("lost")).isEqualTo(0L);
		assertThat(counts.get("longest")).isEqualTo(4L);

		// Health: cid's score fell while its mail went to spam, and is back up at the
		// end.
		Integer cidScore = health.score(cid.id()).orElseThrow();
		assertThat(cidScore).isGreaterThan(lowest(cid.id()));
		// Warmup never reaches the outbox (limits, campaign figures) nor the unified
		// inbox.
		assertThat(count("SELECT count(*) FROM outbox WHERE workspace_id IN (?, ?)", one, two)).isZero();
		assertThat(count("SELECT count(*) FROM inbound_messages WHERE workspace_id IN (?, ?)", one, two)).isZero();
	}

	/**
	 * One simulated day: plan and send the new threads, (on the first day) the inbound
	 * sync reads the mail where it arrived, the receivers find and answer it, the answers
	 * are sent and found, then health and the closed loop.
	 */
	private void simulate(LocalDate day, List<PoolMailbox> boxes, boolean inboundFirst) {
		Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
		pool.planDay(day, midnight);
		sendAll(midnight.plusSeconds(18 * 3600));
		if (inboundFirst) {
			for (PoolMailbox box : boxes) {
				InboundSync.Result synced = inbound.sync(box.workspaceId(), box.id());
				assertThat(synced.error()).isNull();
				assertThat(synced.stored()).as("stored by inbound from %s", box.email()).isZero();
				assertThat(synced.folders()).contains("INBOX", "Junk");
			}
		}
		receive(boxes, midnight.plusSeconds(19 * 3600));
		sendAll(midnight.plusSeconds(21 * 3600 + 60));
		receive(boxes, midnight.plusSeconds(22 * 3600));
		health.measure(day, midnight.plusSeconds(23 * 3600));
		ramp.adjust(day, midnight.plusSeconds(23 * 3600 + 1800));
	}

	/**
	 * A receiving round; ours are read without error (other tests' mailboxes may be
	 * gone).
	 */
	private void receive(List<PoolMailbox> boxes, Instant now) {
		List<UUID> ours = boxes.stream().map(PoolMailbox::id).toList();
		assertThat(receiver.tick(now)).filteredOn(r -> ours.contains(r.mailboxId()))
			.isNotEmpty()
			.allSatisfy(r -> assertThat(r.error()).isNull());
	}

	private void sendAll(Instant now) {
		while (pool.sendDue(now, 500) > 0) {
			// More were due.
		}
	}

	private Account sharing(String name) {
		Account account = fixtures.verifiedAccount(name);
		warmup.updateSettings(account.owner(), new WarmupSettings.Changes(true, null, null, null));
		return account;
	}

	private PoolMailbox box(Account account, String name, String domain, String suffix) {
		return receiving.onDovecot(account, name + "-" + suffix + "@" + domain + "-" + suffix + ".test");
	}

	private int lowest(UUID mailboxId) {
		return fixtures.jdbc()
			.sql("SELECT min(score) FROM warmup_health WHERE mailbox_id = ?")
			.param(mailboxId)
			.query(Integer.class)
			.single();
	}

	private long count(String sql, Account one, Account two) {
		return fixtures.jdbc().sql(sql).params(one.workspaceId(), two.workspaceId()).query(Long.class).single();
	}

}
