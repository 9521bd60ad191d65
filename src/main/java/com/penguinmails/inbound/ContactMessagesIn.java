package com.penguinmails.inbound;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.inbound.internal.ContactMessageInRepository;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.Keyset;

/**
 * For other features (a contact's activity timeline): what came back about one contact,
 * newest first: replies, auto-replies, bounces (also those naming its address without
 * being matched to a message), complaints, unsubscribe requests by mail.
 */
@Service
public class ContactMessagesIn {

	/**
	 * One message read from a mailbox.
	 *
	 * @param kind reply, auto_reply, bounce, complaint, unsubscribe, other
	 * @param text the start of the plain text (at most 500 characters, quoted lines left
	 * out)
	 * @param bounceType hard, soft, block or unknown for a bounce, else null
	 * @param bounceReason the bounce's reason in words ("mailbox full"), or null
	 * @param diagnostic the receiving server's words for a bounce, or null
	 */
	public record Received(UUID id, UUID threadId, UUID campaignId, String kind, String subject, String text,
			String bounceType, String bounceReason, String bounceStatus, String diagnostic, Instant receivedAt) {
	}

	private final ContactMessageInRepository repository;

	ContactMessagesIn(ContactMessageInRepository repository) {
		this.repository = repository;
	}

	/**
	 * The messages about the contact ({@code address}: its email address, for bounces not
	 * matched to a message; null for none) after {@code before} (UUID ids), newest first
	 * (time, then id), at most {@code limit}.
	 */
	public List<Received> about(UUID workspaceId, UUID contactId, String address, Keyset before, int limit) {
		return repository.about(workspaceId, contactId, address, before, limit)
			.stream()
			.map(row -> new Received(row.id(), row.threadId(), row.campaignId(), row.kind(), row.subject(),
					preview(row.text()), row.bounceType(),
					BounceReason.ofKey(row.bounceReason()).map(BounceReason::label).orElse(null), row.bounceStatus(),
					row.diagnostic(), row.receivedAt()))
			.toList();
	}

	/**
	 * The words of a reply without what it quotes: lines up to the first quoted line or
	 * "On ... wrote:", spaces folded, at most 500 characters.
	 */
	static String preview(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder kept = new StringBuilder();
		for (String line : text.split("\\r?\\n")) {
			String stripped = line.strip();
			if (stripped.startsWith(">") || (stripped.startsWith("On ") && stripped.endsWith("wrote:"))) {
				break;
			}
			kept.append(stripped).append(' ');
		}
		String folded = kept.toString().replaceAll("\\s+", " ").strip();
		return folded.length() > 500 ? folded.substring(0, 499) + "…" : folded;
	}

}
