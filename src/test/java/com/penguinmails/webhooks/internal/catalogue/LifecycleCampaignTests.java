package com.penguinmails.webhooks.internal.catalogue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignCompleted;
import com.penguinmails.campaigns.CampaignLaunched;
import com.penguinmails.campaigns.CampaignPaused;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.campaigns.EnrolmentCompleted;
import com.penguinmails.campaigns.EnrolmentStopped;
import com.penguinmails.campaigns.Enrolments;
import com.penguinmails.campaigns.StopEvent;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.PublishedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns' lifecycle events, driven through the API, the services and the scheduler:
 * each change publishes once, and with an endpoint subscribed the catalogue stores it
 * with a payload valid against the type's schema.
 */
@IntegrationTest
class LifecycleCampaignTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Enrolments enrolments;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Domains domains;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Contacts contacts;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	ObjectMapper json;

	@Autowired
	Clock clock;

	@Test
	void launchPauseAndCompletionEachPublishOnceAndReachTheLog() throws Exception {
		Account account = fixtures.verifiedAccount("lifecycle-campaign");
		LifecycleLog log = new LifecycleLog(fixtures.jdbc(), json);
		log.subscribeAll(account.workspaceId());
		Contact ada = contact(account, "ada@client.test");
		Campaign campaign = draft(account, List.of(ada.id()), 1);
		String path = "/api/v1/campaigns/" + campaign.id();
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write");
		try (PublishedEvents published = PublishedEvents.record(context)) {
			assertThat(api.post(path + "/launch", "").status()).isEqualTo(200);
			assertThat(api.post(path + "/launch", "").status()).as("a launched campaign").isEqualTo(409);
			assertThat(api.post(path + "/pause", "").status()).isEqualTo(200);
			assertThat(api.post(path + "/pause", "").status()).as("a paused campaign").isEqualTo(409);
			assertThat(api.post(path + "/resume", "").status()).isEqualTo(200);
			scheduler.tick(monday());
			scheduler.tick(monday().plus(Duration.ofHours(1)));
			assertThat(published.stream(EnrolmentCompleted.class).filter(e -> e.campaignId().equals(campaign.id())))
				.as("queued, not yet sent: not completed")
				.isEmpty();
			UUID enrolment = fixtures.jdbc()
				.sql("SELECT id FROM enrolments WHERE campaign_id = ?")
				.param(campaign.id())
				.query(UUID.class)
				.single();
			sendLastStep(account, campaign, enrolment);

			assertThat(published.stream(CampaignLaunched.class).filter(e -> e.campaignId().equals(campaign.id())))
				.singleElement()
				.satisfies(e -> assertThat(e.name()).isEqualTo(campaign.name()));
			assertThat(published.stream(CampaignPaused.class).filter(e -> e.campaignId().equals(campaign.id())))
				.singleElement()
				.satisfies(e -> assertThat(e.automatic()).isFalse());
			assertThat(published.stream(EnrolmentCompleted.class).filter(e -> e.campaignId().equals(campaign.id())))
				.singleElement()
				.satisfies(e -> assertThat(e.contactId()).isEqualTo(ada.id()));
			assertThat(published.stream(CampaignCompleted.class).filter(e -> e.campaignId().equals(campaign.id())))
				.hasSize(1);
		}

		LifecycleLog.Stored launched = log.await(account.workspaceId(), "campaign.launched", 1).get(0);
		assertThat(launched.dedupeKey()).isEqualTo("campaign.launched:" + campaign.id());
		assertThat(launched.orderingKey()).isNull();
		assertThat(launched.data().get("campaign").get("name").asText()).isEqualTo(campaign.name());
		assertThat(launched.data().get("status").asText()).isEqualTo("running");
		LifecycleLog.Stored paused = log.await(account.workspaceId(), "campaign.paused", 1).get(0);
		assertThat(paused.dedupeKey()).startsWith("campaign.paused:" + campaign.id() + ":");
		assertThat(paused.data().get("paused_by").asText()).isEqualTo("person");
		LifecycleLog.Stored completed = log.await(account.workspaceId(), "enrolment.completed", 1).get(0);
		assertThat(completed.orderingKey()).isEqualTo(ada.id().toString());
		assertThat(completed.data().get("contact").get("email").asText()).isEqualTo("ada@client.test");
		assertThat(completed.data().get("campaign").get("id").asText()).isEqualTo(campaign.id().toString());
		assertThat(log.await(account.workspaceId(), "campaign.completed", 1)
			.get(0)
			.data()
			.get("campaign")
			.get("id")
			.asText()).isEqualTo(campaign.id().toString());
	}

	@Test
	void everyStopPublishesOnceWithItsReason() {
		Account account = fixtures.verifiedAccount("lifecycle-stops");
		LifecycleLog log = new LifecycleLog(fixtures.jdbc(), json);
		log.subscribeAll(account.workspaceId());
		Contact ada = contact(account, "ada@stops.test");
		Contact bob = contact(account, "bob@other.test");
		Campaign campaign = draft(account, List.of(ada.id(), bob.id()), 2);
		campaigns.launch(account.owner(), campaign.id());
		UUID adaEnrolment = enrolment(campaign.id(), ada.id());
		try (PublishedEvents published = PublishedEvents.record(context)) {
			assertThat(enrolments.stopOn(account.workspaceId(), adaEnrolment, StopEvent.REPLIED)).isEqualTo(1);
			assertThat(enrolments.stopOn(account.workspaceId(), adaEnrolment, StopEvent.REPLIED))
				.as("an enrolment stops once")
				.isZero();
			campaigns.archive(account.owner(), campaign.id());

			assertThat(published.stream(EnrolmentStopped.class)
				.filter(e -> e.campaignId().equals(campaign.id()))
				.map(e -> e.contactId() + ":" + e.reason()))
				.containsExactly(ada.id() + ":replied", bob.id() + ":campaign_archived");
		}
		Map<String, LifecycleLog.Stored> stopped = new java.util.HashMap<>();
		log.await(account.workspaceId(), "enrolment.stopped", 2)
			.forEach(event -> stopped.put(event.orderingKey(), event));
		LifecycleLog.Stored replied = stopped.get(ada.id().toString());
		assertThat(replied.dedupeKey()).isEqualTo("enrolment.stopped:" + adaEnrolment);
		assertThat(replied.data().get("reason").asText()).isEqualTo("replied");
		assertThat(replied.data().get("enrolment").get("id").asText()).isEqualTo(adaEnrolment.toString());
		assertThat(stopped.get(bob.id().toString()).data().get("reason").asText()).isEqualTo("campaign_archived");
	}

	@Test
	void eachLifecycleSchemaHoldsOneValidExample() {
		LifecycleLog log = new LifecycleLog(fixtures.jdbc(), json);
		for (String type : List.of("campaign.launched", "campaign.paused", "campaign.completed", "enrolment.stopped",
				"enrolment.completed", "mailbox.paused", "mailbox.resumed", "contact.created", "contact.updated",
				"contact.erased", "import.finished")) {
			log.assertExampleValid(type);
		}
	}

	/** A draft of {@code steps} one-variant steps to these contacts, from a mailbox. */
	private Campaign draft(Account account, List<UUID> contactIds, int steps) {
		String domain = "send-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		UUID domainId = domains.add(account.owner(), new NewDomain(domain, false, "", "")).id();
		fixtures.jdbc()
			.sql("UPDATE domains SET status = 'verified', next_check_at = now() + interval '1 day' WHERE id = ?")
			.param(domainId)
			.update();
		Mailbox sam = mailboxes.add(account.owner(), new NewMailbox("sam@" + domain, "Sam Sender", "generic",
				new ServerSettings("127.0.0.1", 2525, Security.NONE, "sam@" + domain, "secret"),
				new ServerSettings("127.0.0.1", 143, Security.NONE, "sam@" + domain, null), "", "", 30, 0, 0, null));
		List<Step> sequence = java.util.stream.IntStream.range(0, steps)
			.mapToObj(i -> new Step(i * 24 * 60, false, List.of(new Variant("Hello " + i, "<p>Hi</p>", null))))
			.toList();
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Lifecycle " + UUID.randomUUID(), Schedule.defaults(), null, List.of(sam.id()), sequence));
		campaigns.addRecipients(account.owner(), campaign.id(), contactIds, null, null);
		return campaign;
	}

	private Contact contact(Account account, String email) {
		return contacts.create(account.owner(),
				new Contacts.NewContact(email, "Ada", "", "Acme", "", "", "", "", "", "", Map.of(), List.of()));
	}

	private UUID enrolment(UUID campaignId, UUID contactId) {
		return fixtures.jdbc()
			.sql("SELECT id FROM enrolments WHERE campaign_id = ? AND contact_id = ?")
			.params(campaignId, contactId)
			.query(UUID.class)
			.single();
	}

	/** Next Monday 10:00 UTC: inside the default sending window. */
	private Instant monday() {
		return ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0)
			.toInstant();
	}

	/**
	 * The dispatcher's part, as it publishes it: the last step's message was accepted.
	 */
	private void sendLastStep(Account account, Campaign campaign, UUID enrolment) {
		Map<String, Object> queued = fixtures.jdbc()
			.sql("SELECT id, message_id, mailbox_id, step FROM outbox WHERE enrolment_id = ? ORDER BY step DESC LIMIT 1")
			.param(enrolment)
			.query()
			.singleRow();
		MessageSent sent = new MessageSent(account.workspaceId(), campaign.id(), enrolment,
				((Number) queued.get("step")).intValue(), (UUID) queued.get("id"), (String) queued.get("message_id"),
				(UUID) queued.get("mailbox_id"), Instant.now(), "250 2.0.0 OK");
		transactions.executeWithoutResult(status -> context.publishEvent(sent));
		fixtures.awaitEvents("EnrolmentEvents");
	}

}
