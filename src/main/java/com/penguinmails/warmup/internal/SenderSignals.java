package com.penguinmails.warmup.internal;

import java.net.IDN;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.domains.DkimKeyStatus;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.inbound.SenderFeedback;
import com.penguinmails.shared.Tenant;

/**
 * The parts of a health score that come from other features, read through their public
 * API: the DNS of the mailbox's domain (domains) and the bounce and complaint rates of
 * its campaign mail (delivery's sent count, inbound's feedback).
 */
@Component
public class SenderSignals {

	/** The window of the rates. */
	public static final Duration WINDOW = Duration.ofDays(7);

	private final Domains domains;

	private final Outbox outbox;

	private final SenderFeedback feedback;

	SenderSignals(Domains domains, Outbox outbox, SenderFeedback feedback) {
		this.domains = domains;
		this.outbox = outbox;
		this.feedback = feedback;
	}

	/**
	 * SPF, DKIM and DMARC of the mailbox's domain at its last verification; all false
	 * when the domain is not one of the workspace's.
	 */
	public record Dns(boolean spf, boolean dkim, boolean dmarc) {
	}

	/** Bounce and complaint rates as fractions; 0 when nothing was sent. */
	public record Rates(double bounceRate, double complaintRate) {
	}

	public Dns dns(UUID workspaceId, String email) {
		String domainName = ascii(email.substring(email.lastIndexOf('@') + 1));
		Tenant system = Tenant.system(workspaceId);
		for (Domain domain : domains.list(system)) {
			if (ascii(domain.name()).equals(domainName)) {
				List<RecordCheck> last = domains.lastResults(system, domain.id());
				boolean activeKey = domains.keys(system, domain.id())
					.stream()
					.anyMatch(k -> k.status() == DkimKeyStatus.ACTIVE);
				return new Dns(ok(last, "spf"), activeKey && ok(last, "dkim"), ok(last, "dmarc"));
			}
		}
		return new Dns(false, false, false);
	}

	public Rates rates(UUID workspaceId, UUID mailboxId, Instant now) {
		Instant since = now.minus(WINDOW);
		long sent = outbox.sentBy(workspaceId, mailboxId, since);
		if (sent == 0) {
			return new Rates(0, 0);
		}
		SenderFeedback.Counts counts = feedback.since(workspaceId, mailboxId, since);
		return new Rates((double) counts.bounces() / sent, (double) counts.complaints() / sent);
	}

	private static boolean ok(List<RecordCheck> checks, String purpose) {
		return checks.stream().anyMatch(c -> c.purpose().equals(purpose) && c.ok());
	}

	private static String ascii(String domain) {
		try {
			return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return domain.toLowerCase(Locale.ROOT);
		}
	}

}
