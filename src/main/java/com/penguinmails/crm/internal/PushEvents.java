package com.penguinmails.crm.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.crm.HubSpotConnections;
import com.penguinmails.crm.PushSettings;
import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ConversationLabelled;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.tracking.Unsubscribed;

/**
 * Queues pushes to HubSpot (and, through {@link SalesforceQueue}, to Salesforce) from
 * what other features publish about a contact: a reply (inbound's {@link ReplyReceived},
 * not auto-replies), a lead label set or cleared ({@link ConversationLabelled}), a hard
 * bounce ({@link BounceReceived} of type hard, or delivery's {@link MessageFailed} with
 * {@code hardBounce}), an unsubscribe by mail ({@link UnsubscribeReceived}) or by link
 * from everything ({@link Unsubscribed}, scope all), a complaint
 * ({@link ComplaintReceived}).
 * <p>
 * A reply carries its subject, its own text (at most {@value #EXCERPT} characters) and
 * its campaign's name. Only a contact linked to a CRM record ({@code crm_links}) of a
 * workspace with a connection pushing that kind is queued; the push goes to the
 * connection of the event's own workspace. Each push is keyed by its event, so an event
 * delivered twice queues one.
 */
@Component
class PushEvents {

	private static final String CRM = HubSpotConnections.CRM;

	/** The most of a reply's text a note or Task carries. */
	static final int EXCERPT = 2000;

	private record ReplyText(String subject, String excerpt, String campaign) {
	}

	private final PushRepository pushes;

	private final CrmRepository links;

	private final Contacts contacts;

	private final Inbox inbox;

	private final Campaigns campaigns;

	private final SalesforceQueue salesforce;

	private final ObjectMapper json;

	private final Clock clock;

	private final TransactionTemplate apart;

	PushEvents(PushRepository pushes, CrmRepository links, Contacts contacts, Inbox inbox, Campaigns campaigns,
			SalesforceQueue salesforce, ObjectMapper json, Clock clock, PlatformTransactionManager transactions) {
		this.campaigns = campaigns;
		this.salesforce = salesforce;
		this.pushes = pushes;
		this.links = links;
		this.contacts = contacts;
		this.inbox = inbox;
		this.json = json;
		this.clock = clock;
		// Inbox.conversation throws for an unknown thread: in the listener's own
		// transaction that would mark it rollback-only.
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.apart.setReadOnly(true);
	}

	@ApplicationModuleListener
	void on(ReplyReceived reply) {
		if (reply.automatic() || reply.contactId() == null) {
			return;
		}
		if (!pushesAny(reply.workspaceId())) {
			return;
		}
		ReplyText text = replyText(reply);
		activity(reply.workspaceId(), reply.contactId(), "reply", "reply:" + reply.inboundId(), reply.receivedAt(),
				text.subject() == null ? "Replied to a PenguinMails email" : "Reply: " + text.subject(),
				"From " + reply.from() + (text.campaign() == null ? "" : ", to the campaign " + text.campaign())
						+ (text.excerpt() == null ? "." : ":\n\n" + text.excerpt()),
				Map.of());
	}

	@ApplicationModuleListener
	void on(ConversationLabelled labelled) {
		if (!pushesAny(labelled.workspaceId())) {
			return;
		}
		UUID contactId = threadContact(labelled.workspaceId(), labelled.threadId());
		if (contactId == null) {
			return;
		}
		String key = "label:" + labelled.threadId() + ":" + labelled.at().toEpochMilli();
		salesforce.label(labelled.workspaceId(), contactId, key, labelled.label());
		Optional<PushSettings> settings = pushes.settings(labelled.workspaceId(), CRM);
		if (settings.isEmpty() || !settings.get().pushes("label")) {
			return;
		}
		String value = labelled.label() == null ? "" : settings.get().labelValues().get(labelled.label());
		if (value != null) {
			queue(labelled.workspaceId(), contactId, "label", key, null,
					Map.of(settings.get().leadStatusProperty(), value));
		}
	}

	@ApplicationModuleListener
	void on(BounceReceived bounce) {
		if (!"hard".equals(bounce.type())) {
			return;
		}
		String details = bounce.reason().label() + (bounce.status() == null ? "" : " (" + bounce.status() + ")")
				+ (bounce.diagnostic() == null ? "" : ": " + bounce.diagnostic());
		byAddress(bounce.workspaceId(), bounce.address())
			.ifPresent(contact -> activity(bounce.workspaceId(), contact, "bounce", "bounce:" + bounce.inboundId(),
					bounce.receivedAt(), "Email bounced (hard)", details, Map.of()));
	}

	@ApplicationModuleListener
	void on(MessageFailed failed) {
		if (!failed.hardBounce()) {
			return;
		}
		byAddress(failed.workspaceId(), failed.toAddress())
			.ifPresent(contact -> activity(failed.workspaceId(), contact, "bounce", "failed:" + failed.outboxId(),
					failed.at(), "Email bounced (hard)", "The receiving server said: " + failed.smtpReply(), Map.of()));
	}

	@ApplicationModuleListener
	void on(UnsubscribeReceived unsubscribe) {
		byAddress(unsubscribe.workspaceId(), unsubscribe.address())
			.ifPresent(contact -> unsubscribed(unsubscribe.workspaceId(), contact, "unsubscribe",
					"unsubscribe:" + unsubscribe.inboundId(), unsubscribe.receivedAt(), "Unsubscribed",
					"By email (the List-Unsubscribe address, or a reply asking to stop)."));
	}

	@ApplicationModuleListener
	void on(Unsubscribed unsubscribed) {
		if (unsubscribed.scope() != Unsubscribed.Scope.ALL) {
			return;
		}
		byAddress(unsubscribed.workspaceId(), unsubscribed.address())
			.ifPresent(contact -> unsubscribed(unsubscribed.workspaceId(), contact, "unsubscribe",
					"unsubscribe-link:" + unsubscribed.outboxId(), unsubscribed.occurredAt(), "Unsubscribed",
					"Through the unsubscribe link, from every email of this sender."));
	}

	@ApplicationModuleListener
	void on(ComplaintReceived complaint) {
		byAddress(complaint.workspaceId(), complaint.address())
			.ifPresent(contact -> unsubscribed(complaint.workspaceId(), contact, "complaint",
					"complaint:" + complaint.inboundId(), complaint.receivedAt(), "Marked an email as spam",
					"Reported by the mailbox provider's feedback loop"
							+ (complaint.feedbackType() == null ? "." : " (" + complaint.feedbackType() + ").")));
	}

	private void unsubscribed(UUID workspace, UUID contact, String kind, String key, Instant at, String title,
			String details) {
		Map<String, String> properties = new LinkedHashMap<>();
		pushes.settings(workspace, CRM)
			.filter(s -> !s.unsubscribeProperty().isEmpty())
			.ifPresent(s -> properties.put(s.unsubscribeProperty(), s.unsubscribeValue()));
		activity(workspace, contact, kind, key, at, title, details, properties);
	}

	/**
	 * An activity: a HubSpot note (with {@code properties}) and a Salesforce Task, each
	 * where the workspace's connection pushes the kind.
	 */
	private void activity(UUID workspace, UUID contact, String kind, String key, Instant at, String title,
			String details, Map<String, String> properties) {
		queue(workspace, contact, kind, key, note(at, title, details), properties);
		salesforce.activity(workspace, contact, kind, key, at, title, details);
	}

	private boolean pushesAny(UUID workspace) {
		return salesforce.pushesAny(workspace)
				|| pushes.settings(workspace, CRM).filter(s -> !s.kinds().isEmpty()).isPresent();
	}

	/**
	 * Queues the note and the property changes, when the workspace pushes this kind and
	 * the contact is linked.
	 */
	private void queue(UUID workspace, UUID contact, String kind, String key, ObjectNode note,
			Map<String, String> properties) {
		Optional<PushSettings> settings = pushes.settings(workspace, CRM);
		if (settings.isEmpty() || !settings.get().pushes(kind)) {
			return;
		}
		Optional<String> record = links.recordOf(workspace, CRM, contact);
		if (record.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		if (note != null) {
			pushes.enqueue(workspace, CRM, contact, record.get(), kind, "note", note.toString(), key + ":note", now);
		}
		if (!properties.isEmpty()) {
			ObjectNode payload = json.createObjectNode();
			ObjectNode values = payload.putObject("properties");
			properties.forEach(values::put);
			pushes.enqueue(workspace, CRM, contact, record.get(), kind, "properties", payload.toString(),
					key + ":properties", now);
		}
	}

	/** A note's payload: its time and its HTML body, the texts escaped. */
	private ObjectNode note(Instant at, String title, String details) {
		ObjectNode note = json.createObjectNode();
		note.put("timestamp", (at == null ? clock.instant() : at).toString());
		note.put("body", "<p><strong>PenguinMails: " + HtmlUtils.htmlEscape(title) + "</strong></p><p>"
				+ HtmlUtils.htmlEscape(details == null ? "" : details).replace("\n", "<br>") + "</p>");
		return note;
	}

	private Optional<UUID> byAddress(UUID workspace, String address) {
		return address == null || address.isBlank() ? Optional.empty() : contacts.idByEmail(workspace, address);
	}

	/**
	 * The reply's subject, its text (plain, quoted lines left out, at most
	 * {@value #EXCERPT} characters) and its campaign's name, each null when unknown.
	 */
	private ReplyText replyText(ReplyReceived reply) {
		Tenant system = Tenant.system(reply.workspaceId());
		try {
			return apart.execute(status -> {
				UUID thread = inbox.history(system, reply.contactId())
					.stream()
					.filter(item -> item.id().equals(reply.inboundId()))
					.map(Inbox.HistoryItem::threadId)
					.findFirst()
					.orElse(null);
				Inbox.Entry entry = thread == null ? null
						: inbox.conversation(system, thread, false)
							.entries()
							.stream()
							.filter(e -> e.id().equals(reply.inboundId()))
							.findFirst()
							.orElse(null);
				String campaign = reply.campaignId() == null ? null : campaigns.get(system, reply.campaignId()).name();
				return new ReplyText(entry == null ? null : entry.subject(),
						entry == null ? null : excerpt(entry.text()), campaign);
			});
		}
		catch (Problem ex) {
			return new ReplyText(null, null, null);
		}
	}

	/**
	 * The reply's own words: lines quoting earlier mail dropped, blank runs closed up.
	 */
	static String excerpt(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String own = text.lines()
			.filter(line -> !line.startsWith(">"))
			.reduce((a, b) -> a + "\n" + b)
			.orElse("")
			.replaceAll("\n{3,}", "\n\n")
			.strip();
		return own.length() > EXCERPT ? own.substring(0, EXCERPT - 1) + "…" : own;
	}

	private UUID threadContact(UUID workspace, UUID threadId) {
		try {
			return apart.execute(status -> inbox.conversation(Tenant.system(workspace), threadId, false).contactId());
		}
		catch (Problem ex) {
			return null;
		}
	}

}
