package com.penguinmails.warmup;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engagement pool against GreenMail (real SMTP): planning follows each mailbox's
 * WarmupPlan day by day, pairs keep the rules, messages arrive signed with their token,
 * and nothing goes through the outbox. Other tests' warmup mailboxes are switched off
 * while these run, so the pool is exactly what each test builds.
 */
@IntegrationTest
class WarmupPoolTests {

	static GreenMail mail = InboundFixtures.mail();

	@Autowired
	WarmupPool pool;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Domains domains;

	@Autowired
	Mailboxes mailboxes;

	List<UUID> switchedOff = List.of();

	record Box(Account account, Mailbox mailbox, String domain) {
	}

	@BeforeEach
	void onlyThisTestsPool() {
		switchedOff = WarmupTestData.switchOffOtherPools(fixtures.jdbc());
	}

	@AfterEach
	void restoreOtherPools() {
		WarmupTestData.restorePools(fixtures.jdbc(), switchedOff);
	}

	@Test
	void sixMailboxesOnThreeDomainsWarmForFourteenDaysByTheirPlans() throws Exception {
		Account one = workspace("wu-one", true);
		Account two = workspace("wu-two", true);
		String a = domain(one, "a");
		String b = domain(one, "b");
		String c = domain(two, "c");
		List<Box> boxes = List.of(box(one, a, "ann"), box(one, a, "abe"), box(one, b, "bea"), box(two, b, "bob"),
				box(two, c, "cat"), box(two, c, "cid"));
		LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(100);
		boxes.forEach(box -> enable(box, start));
		WarmupPlan plan = new WarmupPlan(WarmupSchedule.Preset.STANDARD.schedule(), start, 100, null, 10, null);

		int total = 0;
		for (LocalDate day = start; day.isBefore(start.plusDays(14)); day = day.plusDays(1)) {
			Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
			int planned = pool.planDay(day, dayStart);
			assertThat(planned).as("planned on %s", day).isEqualTo(6 * plan.plannedOn(day));
			assertThat(pool.planDay(day, dayStart.plusSeconds(60))).as("a second call on %s", day).isZero();
			for (Box box : boxes) {
				assertThat(sentBy(box, day)).as("%s on %s", box.mailbox().email(), day).isEqualTo(plan.plannedOn(day));
				assertThat(pool.unplannedReason(box.mailbox().id(), day)).isEmpty();
			}
			int sent = 0;
			for (int round; (round = pool.sendDue(dayStart.plusSeconds(86_399), 500)) > 0;) {
				sent += round;
			}
			assertThat(sent).isEqualTo(planned);
			total += planned;
		}
		assertThat(total).isEqualTo(6 * (3 + 29) * 14 / 2);

		List<Map<String, Object>> rows = rows(boxes);
		assertThat(rows).hasSize(total).allSatisfy(row -> {
			assertThat(row.get("sent_at")).isNotNull();
			assertThat(row.get("failed_at")).isNull();
			// The default window, 08:00-18:00 in UTC, on the row's day.
			Instant due = ((Timestamp) row.get("due_at")).toInstant();
			LocalDate rowDay = ((Date) row.get("day")).toLocalDate();
			assertThat(due).isBetween(rowDay.atTime(8, 0).toInstant(ZoneOffset.UTC),
					rowDay.atTime(17, 59, 59).toInstant(ZoneOffset.UTC));
		});
		Map<UUID, Box> byId = new HashMap<>();
		boxes.forEach(box -> byId.put(box.mailbox().id(), box));
		Map<String, Integer> receivedPerDay = new HashMap<>();
		for (Map<String, Object> row : rows) {
			Box from = byId.get((UUID) row.get("sender_mailbox_id"));
			Box to = byId.get((UUID) row.get("recipient_mailbox_id"));
			assertThat(to).isNotNull().isNotEqualTo(from);
			assertThat(to.domain()).isNotEqualTo(from.domain());
			// Every sender has partners of the other workspace with room: never its own.
			assertThat(to.account()).isNotEqualTo(from.account());
			receivedPerDay.merge(to.mailbox().id() + " " + row.get("day"), 1, Integer::sum);
		}
		receivedPerDay.forEach((key, count) -> assertThat(count)
			.isLessThanOrEqualTo(Math.max(1, plan.plannedOn(LocalDate.parse(key.split(" ")[1]))) + 1));

		Map<String, MimeMessage> arrived = arrived(rows);
		assertThat(arrived).hasSize(total);
		Map<String, Object> fromAnn = rows.stream()
			.filter(row -> row.get("sender_mailbox_id").equals(boxes.get(0).mailbox().id()))
			.findFirst()
			.orElseThrow();
		MimeMessage one1 = arrived.get((String) fromAnn.get("token"));
		String token = one1.getHeader(WarmupTokens.HEADER)[0];
		assertThat(WarmupTokens.find(GreenMailUtil.getBody(one1))).containsExactly(token);
		assertThat(one1.getContentType()).startsWith("text/plain");
		assertThat(one1.getHeader("List-Unsubscribe")).isNull();
		assertThat(one1.getHeader("DKIM-Signature")[0]).contains("d=" + a);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM outbox WHERE workspace_id IN (?, ?)")
			.params(one.workspaceId(), two.workspaceId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aPrivatePoolPairsWithinItsWorkspaceAndASenderWithoutPartnerKeepsWhy() {
		Account own = workspace("wu-own", false);
		Account lonely = workspace("wu-lonely", true);
		String x = domain(own, "x");
		String y = domain(own, "y");
		String z = domain(lonely, "z");
		List<Box> ownBoxes = List.of(box(own, x, "xena"), box(own, y, "yuri"));
		List<Box> lonelyBoxes = List.of(box(lonely, z, "zoe"), box(lonely, z, "zed"));
		LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(200);
		ownBoxes.forEach(box -> enable(box, day));
		lonelyBoxes.forEach(box -> enable(box, day));

		assertThat(pool.planDay(day, day.atStartOfDay(ZoneOffset.UTC).toInstant())).isEqualTo(6);

		assertThat(rows(ownBoxes)).hasSize(6).allSatisfy(row -> {
			assertThat(row.get("recipient_workspace_id")).isEqualTo(own.workspaceId());
			assertThat(row.get("recipient_mailbox_id")).isNotEqualTo(row.get("sender_mailbox_id"));
		});
		assertThat(rows(lonelyBoxes)).isEmpty();
		assertThat(pool.unplannedReason(lonelyBoxes.get(0).mailbox().id(), day)).contains(
				"No partner: only mailboxes on the same domain in its pool. Turn warmup on for a mailbox on another domain, "
						+ "or join the shared pool (Warmup, pool settings).");
	}

	@Test
	void messagesOfASenderTurnedOffOrToARecipientOutOfThePoolAreDroppedAndOfAPausedOneFailOnceItsDayIsOver() {
		Account account = workspace("wu-off", false);
		Box sam = box(account, domain(account, "s"), "sam");
		Box tom = box(account, domain(account, "t"), "tom");
		LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(300);
		enable(sam, day);
		enable(tom, day);
		Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();

		// Tom paused: his own messages wait for the end of his day, and nobody would look
		// for the ones sent to him, so they are not sent.
		assertThat(pool.planDay(day, dayStart)).isEqualTo(6);
		mailboxes.pause(account.owner(), tom.mailbox().id(), true);
		assertThat(pool.sendDue(dayStart.plusSeconds(86_399), 100)).isZero();
		assertThat(errors(sam)).containsOnly("recipient left the pool");
		assertThat(errors(tom)).containsOnly("pending");
		assertThat(pool.sendDue(dayStart.plusSeconds(86_400 + 3600), 100)).isZero();
		assertThat(errors(tom)).containsOnly("mailbox paused");

		// The next day sam's warmup is turned off after planning: his messages are
		// dropped,
		// and so are tom's to him.
		mailboxes.pause(account.owner(), tom.mailbox().id(), false);
		LocalDate next = day.plusDays(1);
		Instant nextStart = next.atStartOfDay(ZoneOffset.UTC).toInstant();
		assertThat(pool.planDay(next, nextStart)).isEqualTo(10);
		fixtures.jdbc()
			.sql("UPDATE warmup_mailboxes SET enabled = false WHERE mailbox_id = ?")
			.param(sam.mailbox().id())
			.update();
		assertThat(pool.sendDue(nextStart.plusSeconds(86_399), 100)).isZero();
		assertThat(errorsOn(sam, next)).containsOnly("warmup turned off");
		assertThat(errorsOn(tom, next)).containsOnly("recipient left the pool");
	}

	@Test
	void aReplyRowIsSentInItsThreadWithItsOwnToken() throws Exception {
		Account account = workspace("wu-reply", false);
		Box sam = box(account, domain(account, "r"), "sam");
		Box tom = box(account, domain(account, "q"), "tom");
		LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(310);
		enable(sam, day);
		enable(tom, day);
		UUID thread = UUID.randomUUID();
		UUID id = UUID.randomUUID();
		String token = WarmupTokens.mint();
		String messageId = "<" + id + "@" + tom.domain() + ">";
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, in_reply_to, references_ids,
					    sender_workspace_id, sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject,
					    body, day, due_at)
					VALUES (?, ?, ?, ?, 'reply', ?, ?, ?, ?, ?, ?, 'Re: Notes from Tuesday', ?, ?, ?)""")
			.params(id, token, messageId, thread, "<" + thread + "@" + sam.domain() + ">",
					"<" + thread + "@" + sam.domain() + ">", account.workspaceId(), tom.mailbox().id(),
					account.workspaceId(), sam.mailbox().id(), "Thanks, that works for me.\n\nBest\n\n" + token + "\n",
					Date.valueOf(day), Timestamp.from(day.atTime(9, 0).toInstant(ZoneOffset.UTC)))
			.update();

		assertThat(pool.sendDue(day.atTime(9, 1).toInstant(ZoneOffset.UTC), 100)).isEqualTo(1);

		MimeMessage reply = Arrays.stream(mail.getReceivedMessages()).filter(m -> {
			try {
				return messageId.equals(m.getMessageID());
			}
			catch (Exception ex) {
				return false;
			}
		}).findFirst().orElseThrow();
		assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<" + thread + "@" + sam.domain() + ">");
		assertThat(reply.getHeader(WarmupTokens.HEADER)[0]).isEqualTo(token);
		assertThat(((jakarta.mail.internet.InternetAddress) reply.getAllRecipients()[0]).getAddress())
			.isEqualTo(sam.mailbox().email());
	}

	private Account workspace(String name, boolean shared) {
		Account account = fixtures.verifiedAccount(name);
		fixtures.jdbc()
			.sql("INSERT INTO warmup_workspaces (workspace_id, shared_pool) VALUES (?, ?)")
			.params(account.workspaceId(), shared)
			.update();
		return account;
	}

	private String domain(Account account, String prefix) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		UUID id = domains.add(account.owner(), new NewDomain(name, false, "", "")).id();
		fixtures.jdbc()
			.sql("UPDATE domains SET status = 'verified', next_check_at = now() + interval '1 day' WHERE id = ?")
			.param(id)
			.update();
		return name;
	}

	private Box box(Account account, String domain, String local) {
		String email = local + "@" + domain;
		mail.setUser(email, email, "secret");
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, local, "generic",
						new ServerSettings("127.0.0.1", mail.getSmtp().getPort(), Security.NONE, email, "secret"),
						new ServerSettings("127.0.0.1", mail.getImap().getPort(), Security.NONE, email, "secret"), "",
						"", 30, 0, 0));
		return new Box(account, mailbox, domain);
	}

	private void enable(Box box, LocalDate startedOn) {
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, preset, start_per_day,
					    increase_per_day, max_per_day, reply_rate_percent, started_on)
					VALUES (?, ?, true, 'standard', 3, 2, 40, 30, ?)""")
			.params(box.mailbox().id(), box.account().workspaceId(), Date.valueOf(startedOn))
			.update();
	}

	private int sentBy(Box box, LocalDate day) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM warmup_messages WHERE sender_mailbox_id = ? AND day = ? AND kind = 'initial'")
			.params(box.mailbox().id(), Date.valueOf(day))
			.query(Integer.class)
			.single();
	}

	private List<Map<String, Object>> rows(List<Box> boxes) {
		return fixtures.jdbc()
			.sql("SELECT * FROM warmup_messages WHERE sender_mailbox_id = ANY (?)")
			.param(boxes.stream().map(box -> box.mailbox().id()).toArray(UUID[]::new))
			.query()
			.listOfRows();
	}

	private List<String> errorsOn(Box box, LocalDate day) {
		return fixtures.jdbc()
			.sql("SELECT coalesce(error, 'pending') FROM warmup_messages WHERE sender_mailbox_id = ? AND day = ?")
			.params(box.mailbox().id(), Date.valueOf(day))
			.query(String.class)
			.list();
	}

	private List<String> errors(Box box) {
		return fixtures.jdbc()
			.sql("SELECT coalesce(error, 'pending') FROM warmup_messages WHERE sender_mailbox_id = ?")
			.param(box.mailbox().id())
			.query(String.class)
			.list();
	}

	/** The messages GreenMail received that carry one of the rows' tokens, by token. */
	private static Map<String, MimeMessage> arrived(List<Map<String, Object>> rows) throws Exception {
		List<String> tokens = new ArrayList<>(rows.stream().map(row -> (String) row.get("token")).toList());
		Map<String, MimeMessage> arrived = new HashMap<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			String[] header = message.getHeader(WarmupTokens.HEADER);
			if (header != null && tokens.contains(header[0])) {
				assertThat(WarmupTokens.find(GreenMailUtil.getBody(message))).containsExactly(header[0]);
				arrived.put(header[0], message);
			}
		}
		return arrived;
	}

	private static String domainOf(String address) {
		return address.substring(address.lastIndexOf('@') + 1).replace(">", "");
	}

}
