package com.penguinmails.analytics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.penguinmails.analytics.TimelineEntry;
import com.penguinmails.analytics.TimelineEntry.Link;
import com.penguinmails.contacts.ContactHistory;
import com.penguinmails.delivery.ContactMessages.SentMessage;
import com.penguinmails.delivery.OutboxStatus;
import com.penguinmails.inbound.ContactMessagesIn.Received;
import com.penguinmails.tracking.ContactEvents.Event;

/** Timeline entries in words, from each source's rows. */
public final class TimelineWords {

	private TimelineWords() {
	}

	/** "Sent step 2 (variant B) from anna@acme.io", or queued / failed with why. */
	public static TimelineEntry sent(SentMessage m, String campaignName) {
		String step = m.campaignId() == null ? "a message"
				: "step " + (m.step() + 1) + " (variant " + (char) ('A' + m.variant()) + ")";
		String from = m.mailboxAddress().isEmpty() ? "" : " from " + m.mailboxAddress();
		String kind;
		String title;
		String detail = "Subject: " + m.subject();
		if (m.status() == OutboxStatus.SENT) {
			kind = "sent";
			title = "Sent " + step + from;
		}
		else if (m.status() == OutboxStatus.FAILED || m.status() == OutboxStatus.CANCELLED) {
			kind = "failed";
			title = (m.status() == OutboxStatus.FAILED ? "Could not send " : "Cancelled before sending: ") + step
					+ from;
			String why = m.failure() == null ? "" : m.failure().replace('_', ' ');
			detail = (why + (m.smtpReply() == null ? "" : (why.isEmpty() ? "" : ": ") + m.smtpReply())).strip() + " · "
					+ detail;
		}
		else {
			kind = "queued";
			title = m.status().label() + ": " + step + from
					+ (m.smtpReply() == null ? "" : " (last reply: " + m.smtpReply() + ")");
		}
		return new TimelineEntry(kind, "mail", m.at(), capitalised(title), detail, m.campaignId(), campaignName,
				campaignLinks(m.campaignId(), campaignName));
	}

	/** "Opened", "Clicked https://…", machines marked. */
	public static TimelineEntry engagement(Event e, String campaignName) {
		boolean click = "click".equals(e.kind());
		String title = click ? "Clicked " + e.url() : "Opened";
		String detail = e.step() == null ? "" : "Step " + (e.step() + 1);
		if (e.machine()) {
			title += click ? " (by a link scanner)" : " (by a privacy proxy)";
			detail = (detail + (e.machineReason() == null ? "" : " · " + e.machineReason().replace('_', ' ')))
				.replaceFirst("^ · ", "");
		}
		return new TimelineEntry(click ? "clicked" : "opened", "engagement", e.occurredAt(), title, detail,
				e.campaignId(), campaignName, campaignLinks(e.campaignId(), campaignName));
	}

	/**
	 * Replies with their text and a link to the conversation, bounces with the reason.
	 */
	public static TimelineEntry received(Received r, String campaignName) {
		List<Link> links = new ArrayList<>(campaignLinks(r.campaignId(), campaignName));
		links.add(0, new Link("Open the conversation", "/inbox?open=" + r.threadId()));
		String kind;
		String title;
		String detail;
		switch (r.kind()) {
			case "reply" -> {
				kind = "replied";
				title = "Replied: \u201c" + abbreviated(r.text(), 80) + "\u201d";
				// The whole text when the title had to cut it.
				detail = r.text().length() > 80 ? r.text() : "";
			}
			case "auto_reply" -> {
				kind = "auto_replied";
				title = "Auto-reply: " + r.subject();
				detail = r.text();
			}
			case "bounce" -> {
				kind = "bounced";
				title = (r.bounceType() == null ? "Bounced" : capitalised(r.bounceType()) + " bounce")
						+ (r.bounceReason() == null ? "" : ": " + r.bounceReason());
				detail = String
					.join(" ", r.bounceStatus() == null ? "" : r.bounceStatus(),
							r.diagnostic() == null ? "" : r.diagnostic())
					.strip();
			}
			case "complaint" -> {
				kind = "complained";
				title = "Reported the message as spam";
				detail = r.subject();
			}
			case "unsubscribe" -> {
				kind = "unsubscribed";
				title = "Asked to unsubscribe by email";
				detail = r.subject();
			}
			default -> {
				kind = "received";
				title = "Wrote: " + r.subject();
				detail = r.text();
			}
		}
		return new TimelineEntry(kind, "mail", r.receivedAt(), title, detail, r.campaignId(), campaignName, links);
	}

	/** "Tag added: lead", "company: Acme → Blue Harbor", who did it. */
	public static TimelineEntry change(ContactHistory.Change c, String actor) {
		String title = switch (c.kind()) {
			case "created" -> "Contact created";
			case "updated" -> "Changed " + c.detail();
			case "status" -> c.detail().endsWith("→ Unsubscribed") ? "Unsubscribed (status " + c.detail() + ")"
					: "Status changed: " + c.detail();
			case "tag_added" -> "Tag added: " + c.detail();
			case "tag_removed" -> "Tag removed: " + c.detail();
			case "list_added" -> "Added to list " + c.detail();
			case "list_removed" -> "Removed from list " + c.detail();
			case "imported" -> c.detail();
			default -> c.kind().replace('_', ' ') + ": " + c.detail();
		};
		String kind = "status".equals(c.kind()) && c.detail().endsWith("→ Unsubscribed") ? "unsubscribed" : c.kind();
		return new TimelineEntry(kind, "changes", c.occurredAt(), title, "By " + actor, null, null, List.of());
	}

	private static List<Link> campaignLinks(UUID campaignId, String name) {
		return campaignId == null ? List.of()
				: List.of(new Link(name == null ? "The campaign" : name, "/campaigns/" + campaignId));
	}

	private static String abbreviated(String text, int max) {
		return text.length() > max ? text.substring(0, max - 1) + "…" : text;
	}

	private static String capitalised(String text) {
		return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
	}

}
