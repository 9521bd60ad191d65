package com.penguinmails.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.ContactMessageRepository;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Keyset;

/**
 * For other features (a contact's activity timeline): the messages the outbox holds for
 * one contact, sent or not, newest first.
 */
@Service
public class ContactMessages {

	/**
	 * One message to the contact.
	 *
	 * @param step the campaign step, from 0; {@code variant} from 0 (A)
	 * @param mailboxAddress the address of the mailbox it goes from (empty when the
	 * mailbox is gone)
	 * @param failure why it failed or was not sent (a key such as {@code hard_bounce},
	 * {@code suppressed}), or null
	 * @param smtpReply the receiving server's last reply, or null
	 * @param at when it was sent, else when it was queued
	 */
	public record SentMessage(UUID id, UUID campaignId, int step, int variant, String mailboxAddress, String subject,
			OutboxStatus status, String failure, String smtpReply, Instant at) {
	}

	private final ContactMessageRepository repository;

	private final Mailboxes mailboxes;

	ContactMessages(ContactMessageRepository repository, Mailboxes mailboxes) {
		this.repository = repository;
		this.mailboxes = mailboxes;
	}

	/**
	 * The contact's messages after {@code before} (UUID ids), newest first (time, then
	 * id), at most {@code limit}. No caller role is involved: the caller checks the
	 * contact is the workspace's.
	 */
	public List<SentMessage> sentTo(UUID workspaceId, UUID contactId, Keyset before, int limit) {
		List<ContactMessageRepository.Row> rows = repository.sentTo(workspaceId, contactId, before, limit);
		Map<UUID, String> addresses = mailboxes
			.findAll(workspaceId, rows.stream().map(ContactMessageRepository.Row::mailboxId).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Mailbox::id, Mailbox::email, (a, b) -> a));
		return rows.stream()
			.map(row -> new SentMessage(row.id(), row.campaignId(), row.step(), row.variant(),
					addresses.getOrDefault(row.mailboxId(), ""), row.subject(), OutboxStatus.of(row.status()),
					row.failure(), row.smtpReply(), row.at()))
			.toList();
	}

	/**
	 * A campaign message that reached a contact: a touch for revenue attribution.
	 *
	 * @param contactId the contact it went to
	 * @param campaignId the campaign it came from
	 * @param sentAt when the recipient's server accepted it
	 */
	public record CampaignTouch(UUID contactId, UUID campaignId, Instant sentAt) {
	}

	/**
	 * The campaign messages of the workspace sent to any of {@code contactIds} strictly
	 * before {@code before} (status sent: accepted by the recipient's server; direct
	 * messages and messages never sent are left out), grouped by contact, each contact's
	 * oldest first. One query; the caller passes at most a few thousand ids at a time. No
	 * caller role is involved: the caller checks the contacts are the workspace's.
	 */
	public List<CampaignTouch> campaignTouches(UUID workspaceId, Collection<UUID> contactIds, Instant before) {
		return repository.campaignTouches(workspaceId, contactIds, before)
			.stream()
			.map(t -> new CampaignTouch(t.contactId(), t.campaignId(), t.sentAt()))
			.toList();
	}

	/**
	 * The ids of the contact's messages that left (sent), newest first, at most
	 * {@code limit}: what its opens and clicks can be about.
	 */
	public List<UUID> sentIds(UUID workspaceId, UUID contactId, int limit) {
		return repository.sentIds(workspaceId, contactId, limit);
	}

}
