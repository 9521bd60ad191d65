package com.penguinmails.campaigns;

import java.time.LocalDate;
import java.util.List;

import com.penguinmails.mailboxes.Mailbox;

/**
 * How many campaign messages a mailbox may send on a day: its daily cap, or less while a
 * feature ramps its volume up (warmup's graduation). Campaigns plan, estimate and
 * diagnose with it instead of reading {@link Mailbox#dailyCap()} directly. When no
 * feature provides one, {@link #PLAIN} applies.
 */
public interface SendingRamp {

	/** The mailbox's own daily cap, every day. */
	SendingRamp PLAIN = (mailbox, day) -> mailbox.dailyCap();

	/**
	 * Messages the mailbox may send on {@code day} (never more than its
	 * {@link Mailbox#dailyCap()}).
	 * @param day the day in the campaign's sending time zone
	 */
	int dailyCap(Mailbox mailbox, LocalDate day);

	/**
	 * The mailboxes as the planner sees them on {@code day}: their cap is this ramp's.
	 */
	default List<Mailbox> capped(List<Mailbox> mailboxes, LocalDate day) {
		return mailboxes.stream()
			.map(mailbox -> withCap(mailbox, Math.min(mailbox.dailyCap(), dailyCap(mailbox, day))))
			.toList();
	}

	private static Mailbox withCap(Mailbox m, int cap) {
		return cap == m.dailyCap() ? m
				: new Mailbox(m.id(), m.email(), m.displayName(), m.smtpHost(), m.smtpPort(), m.smtpSecurity(),
						m.smtpUsername(), m.imapHost(), m.imapPort(), m.imapSecurity(), m.imapUsername(),
						m.signatureHtml(), m.replyTo(), cap, m.minGapSeconds(), m.maxGapSeconds(), m.status(),
						m.lastError(), m.lastTestedAt(), m.createdAt(), m.smtpAuth(), m.pause(), m.transport());
	}

}
