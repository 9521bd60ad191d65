package com.penguinmails.webhooks;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event catalogue: every event type an endpoint can subscribe to. Each has a JSON
 * Schema of its payload at {@code classpath:webhooks/schemas/<type>.json} (served at
 * {@code GET /api/v1/webhooks/event-types/<type>/schema}), whose first {@code examples}
 * entry is the sample event. {@link #type()} is the wire name, dotted lower case.
 */
public enum EventType {

	MESSAGE_SENT("message.sent", "Message sent",
			"A sequence step went out: the sending mailbox's SMTP server accepted it."),
	MESSAGE_DELIVERED("message.delivered", "Message delivered",
			"The receiving SMTP server answered 2xx to the message; carries the reply."),
	MESSAGE_DEFERRED("message.deferred", "Message deferred",
			"The SMTP server answered 4xx; the message will be retried. Once per message, not once per retry."),
	MESSAGE_BOUNCED("message.bounced", "Message bounced", "A hard or soft bounce, with its reason."),
	MESSAGE_OPENED("message.opened", "Message opened", "The first open of a message."),
	MESSAGE_CLICKED("message.clicked", "Link clicked", "A tracked link in a message was clicked."),
	MESSAGE_REPLIED("message.replied", "Reply received", "A person replied; carries the intent label when set."),
	MESSAGE_AUTO_REPLIED("message.auto_replied", "Auto-reply received", "An out-of-office or other automatic reply."),
	MESSAGE_UNSUBSCRIBED("message.unsubscribed", "Unsubscribed",
			"A recipient unsubscribed by link, one-click (RFC 8058) or reply."),
	MESSAGE_COMPLAINED("message.complained", "Spam complaint", "A feedback-loop complaint (RFC 5965 ARF) arrived."),
	REPLY_LABELLED("reply.labelled", "Reply labelled", "A conversation got an intent label (interested, ...)."),
	ENROLMENT_STOPPED("enrolment.stopped", "Enrolment stopped",
			"A contact's sequence stopped before its end (reply, bounce, unsubscribe, ...)."),
	ENROLMENT_COMPLETED("enrolment.completed", "Enrolment completed",
			"A contact's sequence finished: its last step was sent (after that step's message.sent)."),
	CAMPAIGN_LAUNCHED("campaign.launched", "Campaign launched", "A campaign started sending."),
	CAMPAIGN_PAUSED("campaign.paused", "Campaign paused", "A campaign was paused."),
	CAMPAIGN_COMPLETED("campaign.completed", "Campaign completed",
			"Every enrolment of a campaign ended; the last queued messages may still be going out."),
	MAILBOX_PAUSED("mailbox.paused", "Mailbox paused", "A mailbox stopped sending (by a person or a guard)."),
	MAILBOX_ERRORED("mailbox.errored", "Mailbox error", "A mailbox's SMTP or IMAP connection failed."),
	MAILBOX_RESUMED("mailbox.resumed", "Mailbox resumed", "A paused mailbox sends again."),
	WARMUP_HEALTH_CHANGED("warmup.health_changed", "Warmup health changed", "A mailbox's warmup health score changed."),
	DOMAIN_STATUS_CHANGED("domain.status_changed", "Domain status changed",
			"A sending domain's authentication status changed."),
	CONTACT_CREATED("contact.created", "Contact created", "A contact was added."),
	CONTACT_UPDATED("contact.updated", "Contact updated", "A contact's fields, tags or lists changed."),
	CONTACT_ERASED("contact.erased", "Contact erased", "A contact was erased (GDPR Art. 17)."),
	IMPORT_FINISHED("import.finished", "Import finished", "A CSV import ended, with its counts."),
	REPUTATION_DROPPED("reputation.dropped", "Reputation dropped",
			"A domain's, IP's or mailbox's reputation score fell."),
	SENDING_THROTTLED("sending.throttled", "Sending throttled",
			"A mailbox's path to a recipient provider was slowed, suspended or restored."),
	POSTMASTER_CONNECTION_EXPIRED("postmaster.connection_expired", "Postmaster connection expired",
			"Google Postmaster Tools or Microsoft SNDS can no longer be read."),
	ALERT_RAISED("alert.raised", "Alert raised",
			"An alert was raised and routed to a webhook alert channel (Settings, Alerts)."),
	ALERT_ACKNOWLEDGED("alert.acknowledged", "Alert acknowledged",
			"Someone acknowledged an alert that went to a webhook alert channel; its escalation stops.");

	private final String type;

	private final String title;

	private final String description;

	EventType(String type, String title, String description) {
		this.type = type;
		this.title = title;
		this.description = description;
	}

	/** The wire name, e.g. {@code "message.bounced"}. */
	public String type() {
		return this.type;
	}

	/** A short name for pages. */
	public String title() {
		return this.title;
	}

	/** One sentence saying when it fires. */
	public String description() {
		return this.description;
	}

	/** The type with this wire name. */
	public static Optional<EventType> of(String type) {
		return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
	}

}
