package com.penguinmails.warmup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.DirectMessages;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.support.Dovecot;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.warmup.internal.WarmupContent;

/**
 * Pool mailboxes for the receiving side's tests: each in its own workspace, on its own
 * domain, a Dovecot user whose SMTP is the harness's front (so Sieve runs on delivery)
 * and whose IMAP is Dovecot; warmup on with a chosen reply rate. Warmup mail is sent as
 * the pool sends it: a row in {@code warmup_messages}, built and signed by
 * {@link DirectMessages}, sent over the sender's own SMTP, {@code sent_at} set.
 */
@Component
public class ReceivingFixtures {

	private final Fixtures fixtures;

	private final Mailboxes mailboxes;

	private final DirectMessages direct;

	ReceivingFixtures(Fixtures fixtures, Mailboxes mailboxes, DirectMessages direct) {
		this.fixtures = fixtures;
		this.mailboxes = mailboxes;
		this.direct = direct;
	}

	/** A pool mailbox: its workspace, mailbox and address. */
	public record PoolMailbox(Account account, Mailbox mailbox) {

		public String email() {
			return mailbox.email();
		}

		public UUID id() {
			return mailbox.id();
		}

		public UUID workspaceId() {
			return account.workspaceId();
		}

	}

	/** A warmup message as sent: its row id, token and Message-ID. */
	public record Sent(UUID id, String token, String messageId, String subject, String body) {
	}

	/**
	 * A pool mailbox on Dovecot ({@code imapHost} 127.0.0.1, or
	 * {@link Dovecot#NO_MOVE_HOST} for a server without MOVE) with the reply rate.
	 */
	public PoolMailbox mailbox(String name, int replyRatePercent, String imapHost) {
		Dovecot dovecot = Dovecot.get();
		Account account = fixtures.verifiedAccount(name);
		String email = dovecot
			.addUser(name + "@" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test");
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, name, "generic",
						new ServerSettings("127.0.0.1", dovecot.smtpPort(), Security.NONE, email, Dovecot.PASSWORD),
						new ServerSettings(imapHost, dovecot.imapPort(), Security.NONE, email, Dovecot.PASSWORD), "",
						"", 30, 0, 0));
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, start_per_day, increase_per_day,
					    max_per_day, reply_rate_percent, started_on)
					VALUES (?, ?, true, 2, 1, 10, ?, current_date)""")
			.params(mailbox.id(), account.workspaceId(), replyRatePercent)
			.update();
		return new PoolMailbox(account, mailbox);
	}

	/**
	 * A mailbox of the account on Dovecot at {@code address} (a new Dovecot user), warmup
	 * not yet configured: for tests that turn it on through {@link Warmup}.
	 */
	public PoolMailbox onDovecot(Account account, String address) {
		Dovecot dovecot = Dovecot.get();
		String email = dovecot.addUser(address);
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, address.substring(0, address.indexOf('@')), "generic",
						new ServerSettings("127.0.0.1", dovecot.smtpPort(), Security.NONE, email, Dovecot.PASSWORD),
						new ServerSettings("127.0.0.1", dovecot.imapPort(), Security.NONE, email, Dovecot.PASSWORD), "",
						"", 30, 0, 0));
		return new PoolMailbox(account, mailbox);
	}

	public PoolMailbox mailbox(String name, int replyRatePercent) {
		return mailbox(name, replyRatePercent, "127.0.0.1");
	}

	/** Sends a new warmup thread from one pool mailbox to another, as the pool would. */
	public Sent send(PoolMailbox from, PoolMailbox to, Instant sentAt) {
		return send(from, to, sentAt, true);
	}

	/**
	 * Sends a new warmup thread; without {@code header}, the token is in the body only
	 * (as after a receiver that strips custom headers).
	 */
	public Sent send(PoolMailbox from, PoolMailbox to, Instant sentAt, boolean header) {
		UUID id = UUID.randomUUID();
		String token = WarmupTokens.mint();
		String messageId = Outbox.messageId(id, from.email());
		String subject = "Notes " + id.toString().substring(0, 6);
		String body = WarmupContent.withToken("Hi,\n\nThe notes read well; shall we go over them Tuesday?\n\nBest",
				token);
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
					    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at)
					VALUES (?, ?, ?, ?, 'initial', ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, token, messageId, UUID.randomUUID(), from.workspaceId(), from.id(), to.workspaceId(), to.id(),
					subject, body, LocalDate.ofInstant(sentAt, ZoneOffset.UTC), Timestamp.from(sentAt))
			.update();
		deliver(from, new DirectMessages.Direct(id, messageId, to.email(), null, subject, null, body, null, null,
				header ? Map.of(WarmupTokens.HEADER, token) : Map.of()));
		fixtures.jdbc()
			.sql("UPDATE warmup_messages SET sent_at = ? WHERE id = ?")
			.params(Timestamp.from(sentAt), id)
			.update();
		return new Sent(id, token, messageId, subject, body);
	}

	/** Sends one message from the pool mailbox over its SMTP (the Dovecot front). */
	public void deliver(PoolMailbox from, DirectMessages.Direct message) {
		try (MailboxTransport transport = mailboxes.connect(from.workspaceId(), from.id())) {
			SmtpReply reply = transport.send(direct.build(from.workspaceId(), from.mailbox(), message).message());
			if (reply.code() / 100 != 2) {
				throw new IllegalStateException("Not delivered: " + reply);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The rows of the messages, by id: placement, found_folder, rescued, filed, replied.
	 */
	public Map<String, Object> row(UUID id) {
		return fixtures.jdbc().sql("SELECT * FROM warmup_messages WHERE id = ?").param(id).query().singleRow();
	}

	/** The reply rows queued in answer to the message. */
	public List<Map<String, Object>> replies(Sent sent) {
		return fixtures.jdbc()
			.sql("SELECT * FROM warmup_messages WHERE kind = 'reply' AND in_reply_to = ?")
			.param(sent.messageId())
			.query()
			.listOfRows();
	}

}
