package com.penguinmails.campaigns.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.EnrolmentState;
import com.penguinmails.campaigns.internal.SendPlanner.Batch;
import com.penguinmails.campaigns.internal.SendPlanner.Composed;
import com.penguinmails.campaigns.internal.SendPlanner.Composer;
import com.penguinmails.campaigns.internal.SendPlanner.Due;
import com.penguinmails.campaigns.internal.SendPlanner.Plan;
import com.penguinmails.campaigns.internal.SendPlanner.PoolMailbox;
import com.penguinmails.campaigns.internal.SendPlanner.Send;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Security;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's decisions without a database or a clock: windows, caps, gaps, rotation,
 * pace, the campaign's daily limit, stops and variants. Monday 2026-11-30 is the day.
 */
class SendPlannerTests {

	private static final Instant MONDAY_10 = Instant.parse("2026-11-30T10:00:00Z");

	private static final Composer PLAIN = (enrolment, contact, from, variant, zone) -> new Composed(variant.subject(),
			variant.html(), null, List.of());

	private final SplittableRandom random = new SplittableRandom(7);

	@Test
	void aClosedWindowMovesTheEnrolmentToItsNextOpening() {
		Instant early = Instant.parse("2026-11-30T07:30:00Z");
		Contact ada = contact("ada@client.test", "");
		Plan plan = plan(batch(campaign(1, Schedule.defaults()), early, List.of(due(ada, 0, null)), List.of(ada),
				List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null))));
		assertThat(plan.sends()).isEmpty();
		assertThat(plan.moves()).singleElement()
			.satisfies(move -> assertThat(move.at()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z")));
		// Saturday: the window opens on Monday.
		Instant saturday = Instant.parse("2026-12-05T10:00:00Z");
		Plan weekend = plan(batch(campaign(1, Schedule.defaults()), saturday, List.of(due(ada, 0, null)), List.of(ada),
				List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null))));
		assertThat(weekend.moves().get(0).at()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
	}

	@Test
	void theContactsOwnTimeZoneDecidesWhenTheCampaignAsks() {
		// 01:00 UTC is 10:00 in Tokyo: open there, closed in UTC.
		Instant night = Instant.parse("2026-11-30T01:00:00Z");
		Schedule own = new Schedule("UTC", true, List.of(1, 2, 3, 4, 5), LocalTime.of(9, 0), LocalTime.of(17, 0), null,
				null, 20);
		Contact tokyo = contact("ken@client.jp", "Asia/Tokyo");
		Contact london = contact("amy@client.uk", "Europe/London");
		Contact broken = contact("bob@client.test", "Not/AZone");
		Plan plan = plan(
				batch(campaign(1, own), night, List.of(due(tokyo, 0, null), due(london, 0, null), due(broken, 0, null)),
						List.of(tokyo, london, broken), List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null))));
		assertThat(plan.sends()).extracting(send -> send.message().toAddress()).containsExactly("ken@client.jp");
		// London opens at 09:00 local (UTC in winter); an unknown zone falls back to the
		// campaign's.
		assertThat(plan.moves()).extracting(SendPlanner.Move::at)
			.containsExactly(Instant.parse("2026-11-30T09:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"));
	}

	@Test
	void aMailboxStopsAtItsDailyCapAndTheRestWaitUntouched() {
		List<Contact> people = people(4, "client.test");
		Mailbox sam = mailbox("sam@us.test", 3, 0, 0);
		Plan plan = plan(batch(campaign(1, Schedule.defaults()), MONDAY_10, dues(people), people,
				List.of(pool(sam, 1, MONDAY_10.minusSeconds(3600)))));
		assertThat(plan.sends()).hasSize(2);
		assertThat(plan.full()).isTrue();
		// The others are left as they are: still due, first in line next time.
		assertThat(plan.moves()).isEmpty();
		assertThat(plan.stops()).isEmpty();
	}

	@Test
	void messagesOfAMailboxAreSpacedByItsGap() {
		List<Contact> people = people(3, "client.test");
		Mailbox sam = mailbox("sam@us.test", 30, 60, 60);
		Plan plan = plan(
				batch(campaign(1, Schedule.defaults()), MONDAY_10, dues(people), people, List.of(pool(sam, 0, null))));
		assertThat(plan.sends()).extracting(Send::notBefore)
			.containsExactly(MONDAY_10, MONDAY_10.plusSeconds(60), MONDAY_10.plusSeconds(120));
		// The last send was 30 s ago: the next waits for the gap.
		Plan soon = plan(batch(campaign(1, Schedule.defaults()), MONDAY_10, dues(people.subList(0, 1)),
				people.subList(0, 1), List.of(pool(sam, 1, MONDAY_10.minusSeconds(30)))));
		assertThat(soon.sends().get(0).notBefore()).isEqualTo(MONDAY_10.plusSeconds(30));
		// What fits before the horizon (5 minutes): 1 now + 300 s / 60 s.
		assertThat(SendPlanner.room(List.of(pool(sam, 0, null)), MONDAY_10, MONDAY_10.plusSeconds(300), random))
			.isEqualTo(6);
		assertThat(SendPlanner.room(List.of(pool(mailbox("x@us.test", 4, 0, 0), 1, null)), MONDAY_10,
				MONDAY_10.plusSeconds(300), random))
			.isEqualTo(3);
	}

	@Test
	void randomGapsStayWithinTheMailboxsBounds() {
		List<Contact> people = people(20, "client.test");
		Mailbox sam = mailbox("sam@us.test", 100, 10, 20);
		Plan plan = plan(
				batch(campaign(1, Schedule.defaults()), MONDAY_10, dues(people), people, List.of(pool(sam, 0, null))));
		List<Instant> times = plan.sends().stream().map(Send::notBefore).toList();
		for (int i = 1; i < times.size(); i++) {
			long gap = times.get(i).getEpochSecond() - times.get(i - 1).getEpochSecond();
			assertThat(gap).isBetween(10L, 20L);
		}
	}

	@Test
	void newThreadsGoToTheMailboxWithTheMostRoomAndFollowUpsStayWithTheirs() {
		Mailbox sam = mailbox("sam@us.test", 10, 0, 0);
		Mailbox kim = mailbox("kim@us.test", 10, 0, 0);
		List<Contact> people = people(3, "client.test");
		// Sam sent 8 today, Kim 2: Kim has more room.
		Plan fresh = plan(batch(campaign(2, Schedule.defaults()), MONDAY_10, dues(people), people,
				List.of(pool(sam, 8, null), pool(kim, 2, null))));
		assertThat(fresh.sends()).extracting(send -> send.message().fromAddress())
			.containsExactly("kim@us.test", "kim@us.test", "kim@us.test");
		// A follow-up of Sam's thread goes from Sam, however busy.
		Contact ada = people.get(0);
		Due followUp = new Due(UUID.randomUUID(), ada.id(), 1, sam.id(), "<a@us.test>", "Hello");
		Plan next = plan(batch(campaign(2, Schedule.defaults()), MONDAY_10, List.of(followUp), List.of(ada),
				List.of(pool(sam, 8, null), pool(kim, 2, null))));
		assertThat(next.sends()).singleElement().satisfies(send -> {
			assertThat(send.message().fromAddress()).isEqualTo("sam@us.test");
			assertThat(send.message().subject()).isEqualTo("Re: Hello");
			assertThat(send.message().inReplyTo()).isEqualTo("<a@us.test>");
		});
		// Sam paused (out of the pool): the thread waits for it rather than switching.
		Plan waiting = plan(batch(campaign(2, Schedule.defaults()), MONDAY_10, List.of(followUp), List.of(ada),
				List.of(pool(kim, 2, null))));
		assertThat(waiting.sends()).isEmpty();
		assertThat(waiting.moves()).singleElement()
			.satisfies(move -> assertThat(move.at()).isEqualTo(MONDAY_10.plus(SendPlanner.RETRY)));
	}

	@Test
	void theDomainPaceSpreadsOneCompanysMessagesOverHours() {
		Schedule schedule = new Schedule("UTC", false, List.of(1, 2, 3, 4, 5), LocalTime.of(9, 0), LocalTime.of(17, 0),
				null, null, 2);
		List<Contact> people = new ArrayList<>(people(3, "acme.test"));
		people.add(contact("jo@other.test", ""));
		Plan plan = plan(batch(campaign(1, schedule), MONDAY_10, dues(people), people,
				List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null))));
		assertThat(plan.sends()).extracting(send -> send.message().toAddress())
			.containsExactly("p0@acme.test", "p1@acme.test", "jo@other.test");
		assertThat(plan.moves()).singleElement()
			.satisfies(move -> assertThat(move.at()).isEqualTo(MONDAY_10.plus(SendPlanner.RETRY)));
		// What the mailbox sent to the domain in the last hour counts.
		Plan paced = plan(batch(campaign(1, schedule), MONDAY_10, dues(people.subList(0, 1)), people.subList(0, 1),
				List.of(new PoolMailbox(mailbox("sam@us.test", 30, 0, 0), 2, null, Map.of("acme.test", 2)))));
		assertThat(paced.sends()).isEmpty();
	}

	@Test
	void theCampaignsDailyLimitCapsTheBatch() {
		List<Contact> people = people(5, "client.test");
		Batch batch = batch(campaign(1, Schedule.defaults()), MONDAY_10, dues(people), people,
				List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null)));
		Plan plan = plan(new Batch(batch.workspaceId(), batch.campaign(), batch.now(), batch.horizon(), batch.due(),
				batch.contacts(), batch.suppressed(), batch.pool(), batch.split(), 2));
		assertThat(plan.sends()).hasSize(2);
		assertThat(plan.full()).isTrue();
	}

	@Test
	void theLastMomentChecksStopWhoShouldGetNothingMore() {
		Contact deleted = contact("gone@client.test", "");
		Contact unsubscribed = withStatus(contact("out@client.test", ""), ContactStatus.UNSUBSCRIBED);
		Contact suppressed = contact("blocked@client.test", "");
		Contact missing = contact("nofield@client.test", "");
		Contact done = contact("done@client.test", "");
		Composer needsCompany = (enrolment, contact, from, variant, zone) -> new Composed(variant.subject(),
				variant.html(), null, contact.email().startsWith("nofield") ? List.of("company") : List.of());
		Batch batch = batch(campaign(1, Schedule.defaults()), MONDAY_10,
				List.of(due(deleted, 0, null), due(unsubscribed, 0, null), due(suppressed, 0, null),
						due(missing, 0, null), due(done, 1, null)),
				List.of(unsubscribed, suppressed, missing, done),
				List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null)));
		batch = new Batch(batch.workspaceId(), batch.campaign(), batch.now(), batch.horizon(), batch.due(),
				batch.contacts(), Set.of("blocked@client.test"), batch.pool(), batch.split(), batch.campaignLeft());
		Plan plan = SendPlanner.plan(batch, needsCompany, random);
		assertThat(plan.sends()).isEmpty();
		assertThat(plan.stops()).extracting(SendPlanner.Stop::reason)
			.containsExactly("contact deleted", "contact unsubscribed", "suppressed", "no value for company");
		assertThat(plan.finished()).containsExactly(batch.due().get(4).id());
	}

	@Test
	void variantsSplitEvenlyUntilAWinnerIsDecided() {
		Variant a = new Variant("A", "<p>A</p>", null);
		Variant b = new Variant("B", "<p>B</p>", null);
		List<Contact> people = people(4, "client.test");
		Campaign split = campaign(List.of(new Step(0, false, List.of(a, b))), Schedule.defaults());
		Plan plan = plan(batch(split, MONDAY_10, dues(people), people,
				List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null))));
		assertThat(plan.sends()).extracting(send -> send.message().variant()).containsExactly(0, 1, 0, 1);
		Campaign.Winner bWins = new Campaign.Winner(1, "opens", 2.5, 0.01, List.of(), MONDAY_10);
		Campaign decided = campaign(List.of(new Step(0, false, List.of(a, b), "opens", 100, bWins)),
				Schedule.defaults());
		Plan after = plan(batch(decided, MONDAY_10, dues(people), people,
				List.of(pool(mailbox("sam@us.test", 30, 0, 0), 0, null))));
		assertThat(after.sends()).extracting(send -> send.message().subject()).containsOnly("B");
	}

	@Test
	void aSentStepAdvancesTheThreadAndTheLastOneCompletes() {
		Campaign campaign = campaign(3, Schedule.defaults());
		Contact ada = contact("ada@client.test", "");
		Due first = due(ada, 0, null);
		Mailbox sam = mailbox("sam@us.test", 30, 0, 0);
		Plan plan = plan(batch(campaign, MONDAY_10, List.of(first), List.of(ada), List.of(pool(sam, 0, null))));
		SendPlanner.Advance advance = SendPlanner.advance(campaign, plan.sends().get(0), "<m1@us.test>");
		assertThat(advance.nextStep()).isEqualTo(1);
		assertThat(advance.threadIds()).isEqualTo("<m1@us.test>");
		assertThat(advance.threadSubject()).isEqualTo("Subject 0");
		assertThat(advance.nextSendAt()).isEqualTo(MONDAY_10.plusSeconds(60 * 60));
		assertThat(advance.state()).isEqualTo(EnrolmentState.ACTIVE);

		Due last = new Due(first.id(), ada.id(), 2, advance.mailboxId(), "<m1@us.test> <m2@us.test>", "Subject 0");
		Plan lastPlan = plan(batch(campaign, MONDAY_10, List.of(last), List.of(ada), List.of(pool(sam, 1, null))));
		Send send = lastPlan.sends().get(0);
		assertThat(send.message().references()).isEqualTo("<m1@us.test> <m2@us.test>");
		SendPlanner.Advance end = SendPlanner.advance(campaign, send, "<m3@us.test>");
		assertThat(end.threadIds()).isEqualTo("<m1@us.test> <m2@us.test> <m3@us.test>");
		assertThat(end.nextSendAt()).isNull();
		assertThat(end.state()).isEqualTo(EnrolmentState.COMPLETED);
	}

	private Plan plan(Batch batch) {
		return SendPlanner.plan(batch, PLAIN, random);
	}

	private static Batch batch(Campaign campaign, Instant now, List<Due> due, List<Contact> contacts,
			List<PoolMailbox> pool) {
		Map<UUID, Contact> byId = new LinkedHashMap<>();
		contacts.forEach(contact -> byId.put(contact.id(), contact));
		return new Batch(UUID.randomUUID(), campaign, now, now.plusSeconds(300), due, byId, Set.of(), pool,
				new HashMap<>(), Integer.MAX_VALUE);
	}

	/** A campaign of {@code steps} one-variant steps an hour apart. */
	private static Campaign campaign(int steps, Schedule schedule) {
		List<Step> list = new ArrayList<>();
		for (int i = 0; i < steps; i++) {
			list.add(new Step(i == 0 ? 0 : 60, false,
					List.of(new Variant("Subject " + i, "<p>Body " + i + "</p>", null))));
		}
		return campaign(list, schedule);
	}

	private static Campaign campaign(List<Step> steps, Schedule schedule) {
		return new Campaign(UUID.randomUUID(), "Test", CampaignStatus.RUNNING, schedule, Campaign.Stops.defaults(),
				Campaign.Tracking.off(), List.of(), steps, MONDAY_10, MONDAY_10);
	}

	private static Mailbox mailbox(String email, int dailyCap, int minGap, int maxGap) {
		return new Mailbox(UUID.randomUUID(), email, "", "smtp.us.test", 587, Security.STARTTLS, email, "imap.us.test",
				993, Security.TLS, email, "", null, dailyCap, minGap, maxGap, MailboxStatus.ACTIVE, null, null,
				MONDAY_10, true, null);
	}

	private static PoolMailbox pool(Mailbox mailbox, int sentToday, Instant lastSentAt) {
		return new PoolMailbox(mailbox, sentToday, lastSentAt, Map.of());
	}

	private static Contact contact(String email, String timeZone) {
		return new Contact(UUID.randomUUID(), email, "First", "Last", "", "", "", "", "", timeZone, "", Map.of(),
				List.of(), ContactStatus.ACTIVE, false, false, 0, true, MONDAY_10);
	}

	private static Contact withStatus(Contact c, ContactStatus status) {
		return new Contact(c.id(), c.email(), c.firstName(), c.lastName(), c.company(), c.title(), c.phone(),
				c.website(), c.linkedinUrl(), c.timeZone(), c.country(), c.custom(), c.tags(), status, c.roleAddress(),
				c.disposable(), c.score(), c.mxFound(), c.createdAt());
	}

	private static List<Contact> people(int n, String domain) {
		List<Contact> people = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			people.add(contact("p" + i + "@" + domain, ""));
		}
		return people;
	}

	private static Due due(Contact contact, int step, UUID mailboxId) {
		return new Due(UUID.randomUUID(), contact.id(), step, mailboxId, "", null);
	}

	private static List<Due> dues(List<Contact> people) {
		return people.stream().map(contact -> due(contact, 0, null)).toList();
	}

}
