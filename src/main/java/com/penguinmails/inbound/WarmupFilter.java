package com.penguinmails.inbound;

import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

/**
 * Mail that is no one's correspondence: warmup mail between pool mailboxes (and replies
 * typed by hand in a warmup thread), placement-test messages. The inbound sync asks every
 * filter before it handles a message; one that says yes keeps the message out of the
 * unified inbox, out of reply, bounce and complaint handling (so no sequence stops),
 * while the folder's position still moves past it. Implemented by the features that send
 * such mail (warmup); inbound takes them all ({@code List<WarmupFilter>}), and none at
 * all is fine.
 * <p>
 * Called once per message read, inside the sync's transaction: keep it cheap (no network;
 * at most one indexed query, and none when the message carries nothing to look up).
 */
public interface WarmupFilter {

	/**
	 * What the sync already read of a message, so the filter parses nothing again.
	 *
	 * @param messageId RFC 5322 Message-ID with its angle brackets, or null
	 * @param inReplyTo RFC 5322 §3.6.4 In-Reply-To ({@code <id>}), or null
	 * @param references RFC 5322 §3.6.4 References ids, oldest first
	 * @param text the text/plain body as read (quoted text included), or ""
	 * @param html the text/html body as read, or ""
	 * @param message the whole message, for its other headers (headers only when it was
	 * too large to fetch)
	 * @param reported the Message-IDs of the messages a delivery status notification or
	 * feedback report is about (RFC 3464 §2, RFC 6522 text/rfc822-headers, RFC 5965; or
	 * headers quoted in a non-standard bounce's text), empty for other mail: a bounce of
	 * a warmup message is warmup mail too
	 */
	record Candidate(String messageId, String inReplyTo, List<String> references, String text, String html,
			MimeMessage message, List<String> reported) {
	}

	/**
	 * Whether the message, read from the mailbox's IMAP, is to be left out of inbound.
	 */
	boolean isWarmup(UUID mailboxId, Candidate candidate);

}
