package com.penguinmails.analytics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;

/**
 * Campaigns that have sent, and what their recipients did, for the tests of a campaign's
 * figures, its who-did-what list and the comparison: contacts made, a campaign launched
 * and sent from next Monday (the real scheduler and dispatcher), then opens, clicks and
 * events written as the tracking and analytics features store them.
 */
@Component
public class CampaignFiguresFixture {

	private final Contacts contacts;

	private final Campaigns campaigns;

	private final CampaignScheduler scheduler;

	private final Dispatcher dispatcher;

	private final Fixtures fixtures;

	CampaignFiguresFixture(Contacts contacts, Campaigns campaigns, CampaignScheduler scheduler, Dispatcher dispatcher,
			Fixtures fixtures) {
		this.contacts = contacts;
		this.campaigns = campaigns;
		this.scheduler = scheduler;
		this.dispatcher = dispatcher;
		this.fixtures = fixtures;
	}

	/**
	 * One message sent: its outbox row.
	 *
	 * @param outboxId the outbox row
	 * @param enrolmentId the recipient's enrolment
	 * @param workspaceId the campaign's workspace
	 * @param campaignId the campaign
	 * @param step 0-based step
	 * @param toAddress the recipient's address
	 * @param toName the recipient's name as addressed ("Ada Lovelace")
	 * @param messageId our Message-ID
	 */
	public record Send(UUID outboxId, UUID enrolmentId, UUID workspaceId, UUID campaignId, int step, String toAddress,
			String toName, String messageId) {
	}

	/** One step, sent at once: subject "Hello", body a paragraph "Hi". */
	public static List<Step> oneStep() {
		return List.of(new Step(0, false, List.of(new Variant("Hello", "<p>Hi</p>", null))));
	}

	/**
	 * A new contact with the fields the figures show.
	 * @param email the address
	 * @param firstName first name
	 * @param lastName last name, or ""
	 * @param company company, or ""
	 * @return the contact to create
	 */
	public static NewContact person(String email, String firstName, String lastName, String company) {
		return new NewContact(email, firstName, lastName, company, "", "", "", "", "", "", Map.of(), List.of());
	}

	/**
	 * {@code people} people ({@code p<i>-<6 hex>@client.test}, "Person<i> Lastname" of
	 * "Company <i>") sent {@link #oneStep()} by a campaign named {@code name}.
	 * @param sender the workspace and its mailbox
	 * @param name the campaign's name
	 * @param people how many
	 * @return the campaign, sent
	 */
	public Campaign sent(Sender sender, String name, int people) {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		List<NewContact> contacts = java.util.stream.IntStream.range(0, people)
			.mapToObj(i -> person("p" + i + "-" + tag + "@client.test", "Person" + i, "Lastname", "Company " + i))
			.toList();
		return sent(sender, name, contacts, oneStep());
	}

	/**
	 * The people, made contacts, sent a campaign of {@code steps}: launched, then the
	 * scheduler and dispatcher run once a day at 10:01 UTC from next Monday, for as many
	 * days as there are steps (steps a day apart are all sent).
	 * @param sender the workspace and its mailbox
	 * @param name the campaign's name
	 * @param people the contacts to create and enrol
	 * @param steps the campaign's steps
	 * @return the campaign, sent
	 */
	public Campaign sent(Sender sender, String name, List<NewContact> people, List<Step> steps) {
		List<UUID> ids = people.stream().map(p -> this.contacts.create(sender.account().owner(), p).id()).toList();
		Campaign campaign = this.campaigns.create(sender.account().owner(),
				new Draft(name, Schedule.defaults(), null, List.of(sender.mailbox().id()), steps));
		this.campaigns.addRecipients(sender.account().owner(), campaign.id(), ids, null, null);
		this.campaigns.launch(sender.account().owner(), campaign.id());
		for (int day = 0; day < steps.size(); day++) {
			Instant at = InboundFixtures.monday().plus(Duration.ofDays(day)).plusSeconds(60);
			this.scheduler.tick(at);
			while (this.dispatcher.dispatch(at, 100) > 0) {
				// drain
			}
		}
		return campaign;
	}

	/**
	 * What the campaign sent, by recipient address, then step.
	 * @param campaign a campaign
	 * @return its outbox rows
	 */
	public List<Send> sends(Campaign campaign) {
		return this.fixtures.jdbc()
			.sql("""
					SELECT id, enrolment_id, workspace_id, campaign_id, step, to_address, to_name, message_id
					FROM outbox WHERE campaign_id = ? ORDER BY to_address, step""")
			.param(campaign.id())
			.query((rs, i) -> new Send(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getInt(5), rs.getString(6),
					rs.getString(7), rs.getString(8)))
			.list();
	}

	/**
	 * An open or a click of the message, as tracking stores it.
	 * @param send the message
	 * @param kind {@code open} or {@code click}
	 * @param url the link clicked, or null for an open
	 * @param machine whether a machine fetched it (a mail proxy), not a person
	 * @param at when
	 * @param client the mail client seen ("Gmail")
	 */
	public void tracked(Send send, String kind, String url, boolean machine, Instant at, String client) {
		this.fixtures.jdbc()
			.sql("""
					INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant,
					    kind, url, occurred_at, machine, machine_reason, client)
					VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), send.workspaceId(), send.campaignId(), send.enrolmentId(), send.outboxId(),
					send.step(), kind, url, Timestamp.from(at), machine, machine ? "mail proxy" : null, client)
			.update();
	}

	/**
	 * An event of the message's recipient, as analytics stores it.
	 * @param send the message
	 * @param kind {@code replied}, {@code bounced_hard}, ...
	 * @param detail what the event says (a bounce's reply), or null
	 * @param at when
	 */
	public void event(Send send, String kind, String detail, Instant at) {
		this.fixtures.jdbc()
			.sql("""
					INSERT INTO analytics_events (source_id, workspace_id, campaign_id, step, variant, outbox_id, kind,
					    occurred_at, enrolment_id, detail) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)""")
			.params("test-" + UUID.randomUUID(), send.workspaceId(), send.campaignId(), send.step(), send.outboxId(),
					kind, Timestamp.from(at), send.enrolmentId(), detail)
			.update();
	}

}
