package com.penguinmails.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.shared.Tenant;

/**
 * Small builders for the delivery tests: a mailbox on a test SMTP server, queued
 * messages, seen events.
 */
final class Senders {

	static final String SMTP_LOGIN = "sender";

	static final String SMTP_PASSWORD = "s3cret";

	private Senders() {
	}

	static String uniqueDomain(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
	}

	/** A mailbox sending through 127.0.0.1:{smtpPort} (no TLS) with the test login. */
	static Mailbox mailbox(Mailboxes mailboxes, Tenant tenant, String email, String displayName, int smtpPort,
			String signatureHtml, String replyTo) {
		return mailboxes.add(tenant,
				new NewMailbox(email, displayName, "generic",
						new ServerSettings("127.0.0.1", smtpPort, Security.NONE, SMTP_LOGIN, SMTP_PASSWORD),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, SMTP_LOGIN, null), signatureHtml, replyTo,
						1000, 0, 0));
	}

	static OutgoingMessage message(Tenant tenant, UUID campaignId, Mailbox mailbox, String to, String subject) {
		return new OutgoingMessage(tenant.workspaceId(), campaignId, UUID.randomUUID(), 0, 0, mailbox.id(),
				mailbox.email(), null, to, "", subject, "<p>Hello</p>", "Hello", null, null);
	}

	static Outbox.Queued enqueue(Outbox outbox, OutgoingMessage message, Instant notBefore) {
		return outbox.enqueue(message, notBefore).orElseThrow();
	}

	/** Dispatches at {@code now} until a round claims nothing. */
	static int drain(Dispatcher dispatcher, Instant now) {
		int total = 0;
		int claimed;
		do {
			claimed = dispatcher.dispatch(now, 100);
			total += claimed;
		}
		while (claimed > 0);
		return total;
	}

	/** Every event of one type published while it listens, from any thread. */
	static final class Events<T> implements AutoCloseable {

		private final List<T> seen = new CopyOnWriteArrayList<>();

		private final ConfigurableApplicationContext context;

		private final ApplicationListener<PayloadApplicationEvent<T>> listener;

		Events(ConfigurableApplicationContext context, Class<T> type) {
			this.context = context;
			this.listener = ApplicationListener.forPayload(payload -> {
				if (type.isInstance(payload)) {
					seen.add(type.cast(payload));
				}
			});
			context.addApplicationListener(listener);
		}

		List<T> seen() {
			return new ArrayList<>(seen);
		}

		@Override
		public void close() {
			context.removeApplicationListener(listener);
		}

	}

}
