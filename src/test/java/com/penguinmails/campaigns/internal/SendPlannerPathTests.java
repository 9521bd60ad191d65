package com.penguinmails.campaigns.internal;

import java.time.Instant;
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
import com.penguinmails.campaigns.internal.SendPlanner.Batch;
import com.penguinmails.campaigns.internal.SendPlanner.Composed;
import com.penguinmails.campaigns.internal.SendPlanner.Due;
import com.penguinmails.campaigns.internal.SendPlanner.Plan;
import com.penguinmails.campaigns.internal.SendPlanner.PoolMailbox;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.delivery.SendingPaths.PathLimit;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Security;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner honouring limited paths (a mailbox to a recipient provider): a suspended
 * path's recipients go to another mailbox of the pool or wait; a slowed path takes its
 * hourly rate, spaced by its gap.
 */
class SendPlannerPathTests {

	private static final Instant MONDAY_10 = Instant.parse("2026-11-30T10:00:00Z");

	@Test
	void aSuspendedPathsRecipientsGoToAnotherMailbox() {
		Mailbox sam = mailbox("sam@us.test");
		Mailbox kim = mailbox("kim@us.test");
		List<Contact> people = List.of(contact("ada@gmail.com"), contact("bo@other.test"));
		Plan plan = plan(people, List.of(sam, kim),
				List.of(new PathLimit(sam.id(), "gmail.com", "google", MONDAY_10.plusSeconds(3600), 0, 0)));
		assertThat(plan.sends()).hasSize(2);
		assertThat(plan.sends()).filteredOn(s -> s.message().toAddress().equals("ada@gmail.com"))
			.singleElement()
			.satisfies(s -> assertThat(s.mailboxId()).isEqualTo(kim.id()));
	}

	@Test
	void aFollowUpOnASuspendedPathWaitsForItsMailbox() {
		Mailbox sam = mailbox("sam@us.test");
		Contact ada = contact("ada@gmail.com");
		Campaign campaign = campaign(2);
		Due followUp = new Due(UUID.randomUUID(), ada.id(), 1, sam.id(), "<m1@us.test>", "Subject 0");
		Batch batch = new Batch(UUID.randomUUID(), campaign, MONDAY_10, MONDAY_10.plusSeconds(300), List.of(followUp),
				Map.of(ada.id(), ada), Set.of(), List.of(pool(sam), pool(mailbox("kim@us.test"))), new HashMap<>(),
				Integer.MAX_VALUE,
				List.of(new PathLimit(sam.id(), "gmail.com", "google", MONDAY_10.plusSeconds(3600), 0, 0)));
		Plan plan = SendPlanner.plan(batch, PLAIN, new SplittableRandom(7));
		assertThat(plan.sends()).isEmpty();
		assertThat(plan.moves()).singleElement().satisfies(m -> assertThat(m.at()).isAfter(MONDAY_10));
	}

	@Test
	void aSlowedPathTakesItsHourlyRateSharedByTheProvidersDomainsAndSpacedByItsGap() {
		Mailbox sam = mailbox("sam@us.test");
		List<Contact> people = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			people.add(contact("p" + i + (i % 2 == 0 ? "@gmail.com" : "@googlemail.com")));
		}
		people.add(contact("bo@other.test"));
		Plan plan = plan(people, List.of(sam), List.of(new PathLimit(sam.id(), "gmail.com", "google", null, 2, 120),
				new PathLimit(sam.id(), "googlemail.com", "google", null, 2, 120)));
		List<SendPlanner.Send> google = plan.sends()
			.stream()
			.filter(s -> !s.message().toAddress().endsWith("other.test"))
			.toList();
		assertThat(google).hasSize(2);
		assertThat(google.get(1).notBefore()).isAfterOrEqualTo(google.get(0).notBefore().plusSeconds(120));
		assertThat(plan.sends()).anySatisfy(s -> assertThat(s.message().toAddress()).isEqualTo("bo@other.test"));
	}

	@Test
	void anExpiredSuspensionNoLongerHolds() {
		Mailbox sam = mailbox("sam@us.test");
		Plan plan = plan(List.of(contact("ada@gmail.com")), List.of(sam),
				List.of(new PathLimit(sam.id(), "gmail.com", "google", MONDAY_10, 100, 0)));
		assertThat(plan.sends()).hasSize(1);
	}

	private static final SendPlanner.Composer PLAIN = (enrolment, contact, from, variant,
			zone) -> new Composed(variant.subject(), variant.html(), null, List.of());

	private static Plan plan(List<Contact> people, List<Mailbox> mailboxes, List<PathLimit> limits) {
		Map<UUID, Contact> byId = new LinkedHashMap<>();
		people.forEach(c -> byId.put(c.id(), c));
		List<Due> due = people.stream().map(c -> new Due(UUID.randomUUID(), c.id(), 0, null, "", null)).toList();
		Batch batch = new Batch(UUID.randomUUID(), campaign(1), MONDAY_10, MONDAY_10.plusSeconds(300), due, byId,
				Set.of(), mailboxes.stream().map(SendPlannerPathTests::pool).toList(), new HashMap<>(),
				Integer.MAX_VALUE, limits);
		return SendPlanner.plan(batch, PLAIN, new SplittableRandom(7));
	}

	private static Campaign campaign(int steps) {
		List<Step> list = new ArrayList<>();
		for (int i = 0; i < steps; i++) {
			list.add(new Step(i == 0 ? 0 : 60, false, List.of(new Variant("Subject " + i, "<p>Body</p>", null))));
		}
		return new Campaign(UUID.randomUUID(), "Test", CampaignStatus.RUNNING, Schedule.defaults(),
				Campaign.Stops.defaults(), Campaign.Tracking.off(), List.of(), list, MONDAY_10, MONDAY_10);
	}

	private static Mailbox mailbox(String email) {
		return new Mailbox(UUID.randomUUID(), email, "", "smtp.us.test", 587, Security.STARTTLS, email, "imap.us.test",
				993, Security.TLS, email, "", null, 100, 0, 0, MailboxStatus.ACTIVE, null, null, MONDAY_10, true, null);
	}

	private static PoolMailbox pool(Mailbox mailbox) {
		return new PoolMailbox(mailbox, 0, null, Map.of());
	}

	private static Contact contact(String email) {
		return new Contact(UUID.randomUUID(), email, "First", "Last", "", "", "", "", "", "", "", Map.of(), List.of(),
				ContactStatus.ACTIVE, false, false, 0, true, MONDAY_10);
	}

}
