package com.penguinmails.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler, driven with chosen instants (never sleeps): sequences and threading,
 * rotation and caps, windows in time zones across a DST change, last-moment checks.
 */
@IntegrationTest
class CampaignSchedulerTests {

	@Autowired
	Campaigns campaigns;

	@Autowired
	Enrolments enrolmentsService;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Suppressions suppressions;

	@Autowired
	com.penguinmails.audit.Privacy privacy;

	record Row(UUID enrolmentId, int step, UUID mailboxId, String to, String subject, String messageId,
			String inReplyTo, String references, Instant notBefore, String html) {
	}

	private List<Row> outbox(UUID campaignId) {
		return fixtures.jdbc()
			.sql("""
					SELECT enrolment_id, step, mailbox_id, to_address, subject, message_id, in_reply_to, references_ids,
					    not_before, html FROM outbox WHERE campaign_id = ? ORDER BY not_before, to_address""")
			.param(campaignId)
			.query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getTimestamp(9).toInstant(), rs.getString(10)))
			.list();
	}

	/**
	 * Runs a tick and says how many messages this campaign got (the database is shared
	 * with other tests' campaigns).
	 */
	private int tick(Campaign campaign, Instant at) {
		int before = outbox(campaign.id()).size();
		scheduler.tick(at);
		return outbox(campaign.id()).size() - before;
	}

	/**
	 * One SQL expression over each enrolment of a campaign ({@code e}), by its contact's
	 * email in lower case; trimmed text.
	 */
	private Map<String, String> byEmail(UUID campaignId, String expression) {
		Map<String, String> values = new java.util.HashMap<>();
		fixtures.jdbc()
			.sql("SELECT lower(c.email), (" + expression
					+ ")::text FROM enrolments e JOIN contacts c ON c.id = e.contact_id WHERE e.campaign_id = ?")
			.param(campaignId)
			.query(rs -> {
				values.put(rs.getString(1), rs.getString(2).strip());
			});
		return values;
	}

	private String enrolment(UUID campaignId, String column) {
		return fixtures.jdbc()
			.sql("SELECT " + column + "::text FROM enrolments WHERE campaign_id = ?")
			.param(campaignId)
			.query(String.class)
			.single();
	}

	private static Variant variant(String subject, String html) {
		return new Variant(subject, html, null);
	}

	private Campaign launched(Account account, Schedule schedule, List<UUID> mailboxes, List<Step> steps,
			List<UUID> contacts) {
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Test " + UUID.randomUUID(), schedule, null, mailboxes, steps));
		campaigns.addRecipients(account.owner(), campaign.id(), contacts, null, null);
		return campaigns.launch(account.owner(), campaign.id());
	}

	@Test
	void aThreeStepSequenceFollowsItsDelaysInOneThreadThenCompletes() {
		Account account = fixtures.verifiedAccount("sequence");
		String domain = setup.verifiedDomain(account);
		Mailbox sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0);
		setup.mailbox(account, "other@" + domain, 2525, 30, 0, 0);
		Contact ada = setup.contact(account, "ada@client.test", "Ada", "");
		Campaign campaign = launched(account, Schedule.defaults(), List.of(sam.id()),
				List.of(new Step(0, false, List.of(variant("Hello {{ first_name }}", "<p>Hi {{ first_name }}</p>"))),
						new Step(2 * 24 * 60, false, List.of(variant("", "<p>Just bumping this up.</p>"))),
						new Step(3 * 24 * 60, false, List.of(variant("", "<p>Last one, {{ sender.first_name }}</p>")))),
				List.of(ada.id()));
		assertThat(campaign.status()).isEqualTo(CampaignStatus.RUNNING);
		Instant t0 = setup.monday();

		assertThat(tick(campaign, t0)).isEqualTo(1);
		Row first = outbox(campaign.id()).get(0);
		assertThat(first.subject()).isEqualTo("Hello Ada");
		assertThat(first.inReplyTo()).isNull();
		assertThat(first.mailboxId()).isEqualTo(sam.id());
		assertThat(first.messageId()).endsWith("@" + domain + ">");
		assertThat(tick(campaign, t0)).isZero();
		assertThat(tick(campaign, t0.plus(Duration.ofDays(1)))).isZero();

		// Two days later (Wednesday): the follow-up, in the same thread, from the same
		// mailbox.
		assertThat(tick(campaign, t0.plus(Duration.ofDays(2)))).isEqualTo(1);
		Row second = outbox(campaign.id()).get(1);
		assertThat(second.subject()).isEqualTo("Re: Hello Ada");
		assertThat(second.inReplyTo()).isEqualTo(first.messageId());
		assertThat(second.references()).isEqualTo(first.messageId());
		assertThat(second.mailboxId()).isEqualTo(sam.id());

		// Three days after that is a Saturday: outside the window, so Monday 09:00.
		assertThat(tick(campaign, t0.plus(Duration.ofDays(5)))).isZero();
		assertThat(enrolment(campaign.id(), "next_send_at"))
			.startsWith(t0.plus(Duration.ofDays(7)).minus(Duration.ofHours(1)).toString().substring(0, 10));
		assertThat(tick(campaign, t0.plus(Duration.ofDays(7)))).isEqualTo(1);
		Row third = outbox(campaign.id()).get(2);
		assertThat(third.subject()).isEqualTo("Re: Hello Ada");
		assertThat(third.inReplyTo()).isEqualTo(second.messageId());
		assertThat(third.references()).isEqualTo(first.messageId() + " " + second.messageId());
		assertThat(third.html()).contains("Last one, Sam");
		assertThat(enrolment(campaign.id(), "state")).isEqualTo("completed");
		assertThat(campaigns.get(account.owner(), campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
	}

	@Test
	void messagesRotateAcrossTheMailboxesWithinTheirCapsAndGaps() {
		Account account = fixtures.verifiedAccount("rotation");
		String domain = setup.verifiedDomain(account);
		List<UUID> pool = new ArrayList<>();
		for (String name : List.of("a", "b", "c")) {
			pool.add(setup.mailbox(account, name + "@" + domain, 2525, 2, 60, 60).id());
		}
		List<UUID> people = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			people.add(setup.contact(account, "lead" + i + "@firm" + i + ".test", "Lead", "").id());
		}
		Campaign campaign = launched(account, Schedule.defaults(), pool,
				List.of(new Step(0, false, List.of(variant("Hi {{ first_name }}", "<p>Hello</p>")))), people);
		Instant t0 = setup.monday();

		assertThat(tick(campaign, t0)).isEqualTo(6);
		List<Row> rows = outbox(campaign.id());
		for (UUID mailbox : pool) {
			List<Instant> times = rows.stream().filter(r -> r.mailboxId().equals(mailbox)).map(Row::notBefore).toList();
			// Two each (the cap), the second a gap (60 s) after the first.
			assertThat(times).hasSize(2);
			assertThat(Duration.between(times.get(0), times.get(1))).isEqualTo(Duration.ofSeconds(60));
		}
		assertThat(tick(campaign, t0.plus(Duration.ofHours(2)))).isZero();
		// A day later the caps have room again for the other four.
		assertThat(tick(campaign, t0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(2)))).isEqualTo(4);
		assertThat(outbox(campaign.id())).extracting(Row::enrolmentId).doesNotHaveDuplicates().hasSize(10);
	}

	@Test
	void windowsFollowTheCampaignsOrTheContactsTimeZoneAcrossADstChange() {
		Account account = fixtures.verifiedAccount("windows");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0).id();
		Contact ny = setup.contact(account, "ny@client.test", "Ny", "");
		Contact tokyo = setup.contact(account, "tokyo@client.test", "To", "Asia/Tokyo");
		Schedule newYork = new Schedule("America/New_York", true, List.of(1, 2, 3, 4, 5), java.time.LocalTime.of(9, 0),
				java.time.LocalTime.of(17, 0), null, null, 20);
		Campaign campaign = launched(account, newYork, List.of(sam),
				List.of(new Step(0, false, List.of(variant("Hi {{ first_name }}", "<p>Hello</p>")))),
				List.of(ny.id(), tokyo.id()));

		// Saturday 9 March 2030, noon in New York; clocks go forward on Sunday 10 March.
		Instant saturday = Instant.parse("2030-03-09T17:00:00Z");
		assertThat(tick(campaign, saturday)).isZero();
		Map<String, String> next = byEmail(campaign.id(),
				"to_char(e.next_send_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
		// Monday 09:00 EDT is 13:00 UTC (it was 14:00 UTC before the change).
		assertThat(next.get("ny@client.test")).isEqualTo("2030-03-11T13:00:00Z");
		// The Tokyo contact: Monday 09:00 in Tokyo is Monday 00:00 UTC.
		assertThat(next.get("tokyo@client.test")).isEqualTo("2030-03-11T00:00:00Z");

		assertThat(tick(campaign, Instant.parse("2030-03-11T00:00:00Z"))).isEqualTo(1);
		assertThat(outbox(campaign.id())).extracting(Row::to).containsExactly("tokyo@client.test");
		assertThat(tick(campaign, Instant.parse("2030-03-11T12:59:00Z"))).isZero();
		assertThat(tick(campaign, Instant.parse("2030-03-11T13:00:00Z"))).isEqualTo(1);
	}

	@Test
	void suppressionStatusAndMissingValuesAreCheckedAtTheLastMoment() {
		Account account = fixtures.verifiedAccount("last-moment");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0).id();
		Contact ok = setup.contact(account, "ok@client.test", "Ok", "");
		Contact later = setup.contact(account, "later@client.test", "Later", "");
		Contact nameless = setup.contact(account, "nameless@client.test", "", "");
		Campaign campaign = launched(account, Schedule.defaults(), List.of(sam),
				List.of(new Step(0, false, List.of(variant("Hi {{ first_name }}", "<p>Hello</p>")))),
				List.of(ok.id(), later.id()));
		// After the launch: one unsubscribes, one without a first name joins.
		suppressions.suppress(account.workspaceId(), "later@client.test", "unsubscribed");
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(nameless.id()), null, null);

		assertThat(tick(campaign, setup.monday())).isEqualTo(1);
		assertThat(outbox(campaign.id())).extracting(Row::to).containsExactly("ok@client.test");
		Map<String, String> reasons = byEmail(campaign.id(), "e.state || ' ' || coalesce(e.stop_reason, '')");
		assertThat(reasons).containsEntry("later@client.test", "stopped suppressed")
			.containsEntry("nameless@client.test", "stopped no value for first_name");
	}

	@Test
	void aMailboxSendsAtMostThePacePerHourToOneRecipientDomain() {
		Account account = fixtures.verifiedAccount("pace");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0).id();
		List<UUID> people = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			people.add(setup.contact(account, "p" + i + "@bigcorp.test", "P", "").id());
		}
		Schedule pace = new Schedule("UTC", false, List.of(1, 2, 3, 4, 5), java.time.LocalTime.of(9, 0),
				java.time.LocalTime.of(17, 0), null, null, 2);
		Campaign campaign = launched(account, pace, List.of(sam),
				List.of(new Step(0, false, List.of(variant("Hi", "<p>Hello</p>")))), people);
		Instant t0 = setup.monday();
		assertThat(tick(campaign, t0)).isEqualTo(2);
		assertThat(tick(campaign, t0.plus(Duration.ofMinutes(20)))).isZero();
		assertThat(tick(campaign, t0.plus(Duration.ofMinutes(61)))).isEqualTo(2);
		assertThat(outbox(campaign.id())).hasSize(4);
	}

	@Test
	void twoSchedulersAtOnceQueueEachStepOnce() throws Exception {
		Account account = fixtures.verifiedAccount("two-nodes");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 500, 0, 0).id();
		List<UUID> people = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			people.add(setup.contact(account, "n" + i + "@org" + i + ".test", "N", "").id());
		}
		Campaign campaign = launched(account, Schedule.defaults(), List.of(sam),
				List.of(new Step(0, false, List.of(variant("Hi", "<p>Hello</p>")))), people);
		Instant t0 = setup.monday();
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> one = nodes.submit(() -> scheduler.tick(t0));
			Future<Integer> two = nodes.submit(() -> scheduler.tick(t0));
			one.get();
			two.get();
		}
		finally {
			nodes.shutdownNow();
		}
		assertThat(outbox(campaign.id())).hasSize(60).extracting(Row::enrolmentId).doesNotHaveDuplicates();
	}

	@Test
	void aGdprExportShowsTheContactsCampaignsAndMessagesAndErasureRemovesThem() {
		Account account = fixtures.verifiedAccount("campaign-gdpr");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0).id();
		Contact ada = setup.contact(account, "ada@client.test", "Ada", "");
		Campaign campaign = launched(account, Schedule.defaults(), List.of(sam),
				List.of(new Step(0, false, List.of(variant("Hi {{ first_name }}", "<p>Hello</p>"))),
						new Step(60, false, List.of(variant("", "<p>Again</p>")))),
				List.of(ada.id()));
		tick(campaign, setup.monday());
		Map<String, Object> export = privacy.export(account.owner(), ada.id(), "127.0.0.1");
		assertThat(export.get("campaigns").toString()).contains(campaign.name());
		assertThat(export.get("messages").toString()).contains("Hi Ada");

		privacy.erase(account.owner(), ada.id(), "127.0.0.1");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM enrolments WHERE campaign_id = ?")
			.param(campaign.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(outbox(campaign.id())).extracting(Row::to).containsExactly("erased@invalid");
		assertThat(fixtures.jdbc()
			.sql("SELECT status FROM outbox WHERE campaign_id = ?")
			.param(campaign.id())
			.query(String.class)
			.single()).isEqualTo("cancelled");
	}

	@Test
	void aReplyStopsTheSequenceAndWithCompanyStopItsColleaguesButNotFreeMailUsers() {
		Account account = fixtures.verifiedAccount("stops");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0).id();
		Contact ceo = setup.contact(account, "ceo@acme.test", "Ceo", "");
		Contact cto = setup.contact(account, "cto@ACME.test", "Cto", "");
		Contact other = setup.contact(account, "jo@other.test", "Jo", "");
		Contact gmailOne = setup.contact(account, "one@gmail.com", "One", "");
		Contact gmailTwo = setup.contact(account, "two@gmail.com", "Two", "");
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Stops " + UUID.randomUUID(), Schedule.defaults(),
						new Campaign.Stops(true, false, true, true, true, true), List.of(sam),
						List.of(new Step(0, false, List.of(variant("Hi {{ first_name }}", "<p>Hello</p>"))),
								new Step(60, false, List.of(variant("", "<p>Again</p>"))))));
		campaigns.addRecipients(account.owner(), campaign.id(),
				List.of(ceo.id(), cto.id(), other.id(), gmailOne.id(), gmailTwo.id()), null, null);
		campaigns.launch(account.owner(), campaign.id());
		Map<String, UUID> enrolments = new java.util.HashMap<>();
		byEmail(campaign.id(), "e.id").forEach((email, id) -> enrolments.put(email, UUID.fromString(id)));

		// A click does not stop (off here); a reply stops the replier and the colleague.
		assertThat(enrolmentsService.stopOn(account.workspaceId(), enrolments.get("ceo@acme.test"), StopEvent.CLICKED))
			.isZero();
		assertThat(enrolmentsService.stopOn(account.workspaceId(), enrolments.get("ceo@acme.test"), StopEvent.REPLIED))
			.isEqualTo(2);
		assertThat(enrolmentsService.stopOn(account.workspaceId(), enrolments.get("one@gmail.com"), StopEvent.REPLIED))
			.isEqualTo(1);
		Map<String, String> states = byEmail(campaign.id(), "e.state || ' ' || coalesce(e.stop_reason, '')");
		assertThat(states).containsEntry("ceo@acme.test", "stopped replied")
			.containsEntry("cto@acme.test", "stopped a colleague replied")
			.containsEntry("jo@other.test", "active")
			.containsEntry("one@gmail.com", "stopped replied")
			.containsEntry("two@gmail.com", "active");
		// Stopped enrolments get nothing more.
		tick(campaign, setup.monday());
		assertThat(outbox(campaign.id())).extracting(Row::to)
			.containsExactlyInAnyOrder("jo@other.test", "two@gmail.com");
		// Jo replies after step 1: the follow-up an hour later goes to Two only.
		enrolmentsService.stopOn(account.workspaceId(), enrolments.get("jo@other.test"), StopEvent.REPLIED);
		tick(campaign, setup.monday().plus(Duration.ofHours(2)));
		assertThat(outbox(campaign.id())).filteredOn(row -> row.step() == 1)
			.extracting(Row::to)
			.containsExactly("two@gmail.com");
	}

}
