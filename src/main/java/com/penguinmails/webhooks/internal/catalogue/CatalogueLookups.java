package com.penguinmails.webhooks.internal.catalogue;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;

/**
 * The shared shapes of the catalogue's {@code data} objects, filled through the other
 * features' public APIs: {@code workspace_id}, {@code campaign {id, name}},
 * {@code contact {id, email}}, {@code message {id, message_id, step, variant, to}} and
 * {@code mailbox {id, email}}. A lookup that fails or finds nothing leaves its piece out
 * (never null, never an exception): an event goes out with what is known.
 */
@Component
class CatalogueLookups {

	private static final Logger log = LoggerFactory.getLogger(CatalogueLookups.class);

	/**
	 * An event's {@code data} object with its shared shapes, and the ordering key they
	 * give: the contact's id when known, else the lower-cased recipient address.
	 */
	record Subject(ObjectNode data, String orderingKey) {
	}

	/**
	 * What an application event tells about a message of ours; any of it may be null.
	 */
	record MessageRef(UUID campaignId, UUID outboxId, UUID mailboxId, String to, Integer step, Integer variant) {
	}

	private final ObjectMapper json;

	private final Outbox outbox;

	private final Campaigns campaigns;

	private final Mailboxes mailboxes;

	CatalogueLookups(ObjectMapper json, Outbox outbox, Campaigns campaigns, Mailboxes mailboxes) {
		this.json = json;
		this.outbox = outbox;
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
	}

	/** A {@code data} object with only {@code workspace_id}. */
	ObjectNode data(UUID workspaceId) {
		ObjectNode data = json.createObjectNode();
		data.put("workspace_id", workspaceId.toString());
		return data;
	}

	/**
	 * The shapes of an event about one message: the outbox row (one lookup) gives the
	 * contact, Message-ID, step and variant; the campaign's name and the mailbox's
	 * address are looked up when the event names them.
	 * @param knownMailboxEmail the mailbox's address when the event carries it, else null
	 */
	Subject message(UUID workspaceId, MessageRef ref, String knownMailboxEmail) {
		ObjectNode data = data(workspaceId);
		Optional<Outbox.Sent> sent = ref.outboxId() == null ? Optional.empty()
				: quietly("outbox message", () -> outbox.sent(workspaceId, ref.outboxId()));
		UUID campaignId = ref.campaignId() != null ? ref.campaignId()
				: sent.map(s -> s.recipient().campaignId()).orElse(null);
		campaign(data, workspaceId, campaignId);
		Outbox.Recipient recipient = sent.map(Outbox.Sent::recipient).orElse(null);
		String to = recipient != null && !recipient.erased() ? recipient.address() : ref.to();
		UUID contactId = recipient != null ? recipient.contactId() : null;
		if (contactId != null || to != null) {
			ObjectNode contact = data.putObject("contact");
			putIfPresent(contact, "id", contactId);
			putIfPresent(contact, "email", to);
		}
		ObjectNode message = data.putObject("message");
		putIfPresent(message, "id", ref.outboxId());
		sent.map(Outbox.Sent::messageId).ifPresent(id -> message.put("message_id", id));
		Integer step = recipient != null ? Integer.valueOf(recipient.step()) : ref.step();
		Integer variant = recipient != null ? Integer.valueOf(recipient.variant()) : ref.variant();
		if (step != null && step >= 0) {
			message.put("step", step + 1);
		}
		if (variant != null && variant >= 0) {
			message.put("variant", String.valueOf((char) ('A' + variant)));
		}
		putIfPresent(message, "to", to);
		UUID mailboxId = ref.mailboxId() != null ? ref.mailboxId() : sent.map(Outbox.Sent::mailboxId).orElse(null);
		mailbox(data, workspaceId, mailboxId, knownMailboxEmail);
		String ordering = contactId != null ? contactId.toString() : to != null ? to.toLowerCase(Locale.ROOT) : null;
		return new Subject(data, ordering);
	}

	/** Puts {@code campaign {id, name}} when the id is known; the name when found. */
	void campaign(ObjectNode data, UUID workspaceId, UUID campaignId) {
		if (campaignId == null) {
			return;
		}
		ObjectNode campaign = data.putObject("campaign");
		campaign.put("id", campaignId.toString());
		quietly("campaign", () -> Optional.of(campaigns.get(Tenant.system(workspaceId), campaignId)))
			.map(Campaign::name)
			.ifPresent(name -> campaign.put("name", name));
	}

	/**
	 * Puts {@code mailbox {id, email}} when the id is known; the address from the event
	 * or else looked up.
	 */
	void mailbox(ObjectNode data, UUID workspaceId, UUID mailboxId, String knownEmail) {
		if (mailboxId == null) {
			return;
		}
		ObjectNode mailbox = data.putObject("mailbox");
		mailbox.put("id", mailboxId.toString());
		String email = knownEmail != null ? knownEmail
				: quietly("mailbox", () -> mailboxes.find(workspaceId, mailboxId)).map(Mailbox::email).orElse(null);
		putIfPresent(mailbox, "email", email);
	}

	static void putIfPresent(ObjectNode node, String field, Object value) {
		if (value != null && !(value instanceof String text && text.isEmpty())) {
			node.put(field, value.toString());
		}
	}

	/** A lookup that never throws: a failure is logged and leaves the piece out. */
	static <T> Optional<T> quietly(String what, Supplier<Optional<T>> lookup) {
		try {
			return lookup.get();
		}
		catch (RuntimeException ex) {
			log.debug("Webhook event without its {}: {}", what, ex.toString());
			return Optional.empty();
		}
	}

}
