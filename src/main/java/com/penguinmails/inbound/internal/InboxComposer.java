package com.penguinmails.inbound.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.inbound.ContactCard;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Templates;

/**
 * What the inbox's composer needs beside the conversation: the address a reply goes from,
 * the contact card, the workspace's templates as snippets to insert, and the rendering of
 * a reply's variables ({@code {{ first_name }}}, {@code {{ custom.plan }}}, {@code {{
 * sender.name }}}) against the conversation's contact with the templates' Liquid
 * renderer, strictly: a variable without a value (or unknown) refuses the reply.
 */
@Component
public class InboxComposer {

	/** A template offered as a snippet: its name and plain text. */
	public record Snippet(UUID id, String name, String text) {
	}

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final CampaignNames campaigns;

	private final Templates templates;

	InboxComposer(Mailboxes mailboxes, Contacts contacts, CampaignNames campaigns, Templates templates) {
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.campaigns = campaigns;
		this.templates = templates;
	}

	/** The address replies go from, or null when the mailbox was removed. */
	public String fromAddress(UUID workspaceId, UUID mailboxId) {
		return mailboxId == null ? null : mailboxes.find(workspaceId, mailboxId).map(Mailbox::email).orElse(null);
	}

	/** The contact card, or null without a contact (or when it was erased). */
	public ContactCard card(UUID workspaceId, UUID contactId) {
		Optional<Contact> found = contact(workspaceId, contactId);
		if (found.isEmpty()) {
			return null;
		}
		Contact c = found.get();
		String name = ((c.firstName() == null ? "" : c.firstName()) + " " + (c.lastName() == null ? "" : c.lastName()))
			.strip();
		return new ContactCard(c.id(), c.email(), name, c.company(), c.title(), c.status().value(), c.status().label(),
				c.custom() == null ? Map.of() : c.custom(), campaigns.enrolments(workspaceId, c.id()));
	}

	/**
	 * The workspace's templates as snippets, by name: their text part, or their HTML as
	 * text ({@link Templates#plainText}), never HTML markup.
	 */
	public List<Snippet> snippets(Tenant tenant) {
		return templates.list(tenant).stream().map(t -> new Snippet(t.id(), t.name(), Templates.plainText(t))).toList();
	}

	/**
	 * The reply's text with its variables rendered for the contact (none: only the sender
	 * and dates have values), in the contact's time zone.
	 * @throws InvalidInputProblem naming the variables without a value
	 */
	public String render(UUID workspaceId, UUID mailboxId, UUID contactId, String text) {
		if (!text.contains("{{") && !text.contains("{%")) {
			return text;
		}
		Optional<Contact> contact = contact(workspaceId, contactId);
		Map<String, Object> values = new LinkedHashMap<>(contact.map(Contact::mergeFields).orElse(Map.of()));
		mailboxes.find(workspaceId, mailboxId).ifPresent(mailbox -> values.put("sender", Templates.sender(mailbox)));
		values.put("unsubscribe_url", "");
		String zone = contact.map(Contact::timeZone).filter(InboxComposer::knownZone).orElse("UTC");
		Rendered rendered = templates.render(new EmailTemplate(null, "reply", 0, "", "", text, null), values, zone);
		if (!rendered.sendable()) {
			throw new InvalidInputProblem("missing-variables",
					"Not sent: no value for " + String.join(", ", rendered.missing())
							+ ". Remove it or give a default (for example {{ first_name | default: \"there\" }}).");
		}
		return rendered.text();
	}

	private Optional<Contact> contact(UUID workspaceId, UUID contactId) {
		if (contactId == null) {
			return Optional.empty();
		}
		return contacts.byIds(Tenant.system(workspaceId), List.of(contactId)).values().stream().findFirst();
	}

	private static boolean knownZone(String zone) {
		try {
			return zone != null && !zone.isBlank() && ZoneId.of(zone) != null;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

}
