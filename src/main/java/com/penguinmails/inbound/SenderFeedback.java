package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.inbound.internal.InboundStore;

/**
 * What receivers said about a mailbox's mail: bounces and spam complaints matched to what
 * it sent, for reputation figures such as warmup's health score.
 */
@Service
public class SenderFeedback {

	private final InboundStore store;

	SenderFeedback(InboundStore store) {
		this.store = store;
	}

	/**
	 * Counts since an instant.
	 *
	 * @param bounces hard bounces and refusals (RFC 3464 DSNs and SMTP replies classified
	 * hard or block; soft bounces are retried and not counted)
	 * @param complaints RFC 5965 feedback reports (ARF) about its messages
	 */
	public record Counts(long bounces, long complaints) {
	}

	/** The mailbox's bounces and complaints received since {@code since}. */
	public Counts since(UUID workspaceId, UUID mailboxId, Instant since) {
		return new Counts(store.bounces(workspaceId, mailboxId, since),
				store.complaints(workspaceId, mailboxId, since));
	}

}
