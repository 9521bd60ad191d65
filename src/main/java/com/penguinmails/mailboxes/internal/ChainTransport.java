package com.penguinmails.mailboxes.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SentVia;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;

/**
 * Transports tried in order (a route's providers, then perhaps the mailbox's SMTP server;
 * or a mailbox's provider then its SMTP server), each opened on first need and at most
 * once per batch. When one cannot take a message (unreachable, refusing the key, or a
 * transient answer: 429 or 5xx, mapped to 4xx, RFC 5321 §4.2.1) it is reported as failing
 * and that message and the rest of the batch go to the next one at once. A refusal of the
 * message itself (5xx) is the answer, not a reason to try elsewhere; the last transport's
 * answer or connection failure is the chain's.
 */
final class ChainTransport implements MailboxTransport {

	/** Opens one transport of the chain, when needed. */
	interface Opener {

		MailboxTransport open() throws SmtpConnectionFailed;

	}

	/** One transport of the chain: what it records as the sender, and how it opens. */
	record Link(SentVia via, String name, Opener opener) {
	}

	/** Told when a link could not take a message, with why in words. */
	interface Failing {

		Failing NONE = (link, why) -> {
		};

		void failed(Link link, String why);

	}

	private final List<Link> links;

	private final Failing failing;

	private final List<MailboxTransport> opened = new ArrayList<>();

	private int current;

	private MailboxTransport transport;

	private SentVia via = SentVia.SMTP;

	ChainTransport(List<Link> links, Failing failing) {
		if (links.isEmpty()) {
			throw new IllegalArgumentException("A chain has at least one transport");
		}
		this.links = List.copyOf(links);
		this.failing = failing;
	}

	@Override
	public SmtpReply send(MimeMessage message) throws SmtpConnectionFailed {
		while (true) {
			Link link = links.get(current);
			boolean last = current == links.size() - 1;
			String why;
			try {
				if (transport == null) {
					transport = link.opener().open();
					opened.add(transport);
				}
				SmtpReply reply = transport.send(message);
				if (!reply.transientFailure() || last) {
					via = link.via();
					if (reply.transientFailure()) {
						failedLast(link, reply.text());
					}
					return reply;
				}
				why = reply.text();
			}
			catch (SmtpConnectionFailed ex) {
				if (last) {
					failedLast(link, ex.getMessage());
					throw ex;
				}
				why = ex.getMessage();
			}
			failing.failed(link, why);
			current++;
			transport = null;
		}
	}

	/**
	 * The last of the chain failed too: a sending provider is marked failing all the same
	 * (the mailbox's own SMTP server is the mailbox's business, not a provider's health).
	 */
	private void failedLast(Link link, String why) {
		if (link.via().providerId() != null) {
			failing.failed(link, why);
		}
	}

	@Override
	public SentVia via() {
		return via;
	}

	@Override
	public void close() {
		opened.forEach(MailboxTransport::close);
	}

}
