package com.penguinmails.reputation.internal.timeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;

/**
 * The workspace's mailboxes as timeline subjects: each mailbox belongs to the domain of
 * its address and to the sending IP of its SMTP server (the host's address when it is
 * written as one, else what the host name resolves to, kept an hour). With a relay that
 * is the relay's submission address, which may differ from the address the relay sends
 * from.
 */
@Component
public class MailboxSubjects {

	private static final Duration KEEP = Duration.ofHours(1);

	/**
	 * A mailbox with its domain and sending IP ({@code null} when it does not resolve).
	 */
	public record Sender(UUID mailboxId, String email, String domain, String ip) {

		/** Whether the mailbox is behind {@code subject}. */
		public boolean under(Subject subject) {
			return switch (subject.kind()) {
				case MAILBOX -> mailboxId.toString().equals(subject.key());
				case DOMAIN -> domain.equals(subject.key());
				case IP -> subject.key().equals(ip);
			};
		}

	}

	private record Resolved(String ip, Instant at) {
	}

	private final Mailboxes mailboxes;

	private final Clock clock;

	private final Map<String, Resolved> addresses = new ConcurrentHashMap<>();

	MailboxSubjects(Mailboxes mailboxes, Clock clock) {
		this.mailboxes = mailboxes;
		this.clock = clock;
	}

	/** Every mailbox of the workspace, with its domain and IP. */
	public List<Sender> senders(UUID workspaceId) {
		return mailboxes.list(Tenant.system(workspaceId)).stream().map(this::sender).toList();
	}

	/** The ids of the workspace's mailboxes behind {@code subject}. */
	public List<UUID> mailboxesOf(UUID workspaceId, Subject subject) {
		return senders(workspaceId).stream().filter(s -> s.under(subject)).map(Sender::mailboxId).toList();
	}

	private Sender sender(Mailbox mailbox) {
		String email = mailbox.email().toLowerCase(Locale.ROOT);
		return new Sender(mailbox.id(), mailbox.email(), email.substring(email.lastIndexOf('@') + 1),
				address(mailbox.smtpHost()));
	}

	private String address(String host) {
		if (host == null || host.isBlank()) {
			return null;
		}
		Instant now = clock.instant();
		Resolved known = addresses.get(host);
		if (known != null && known.at().plus(KEEP).isAfter(now)) {
			return known.ip();
		}
		String ip;
		try {
			ip = InetAddress.getByName(host).getHostAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			ip = null;
		}
		addresses.put(host, new Resolved(ip, now));
		return ip;
	}

}
