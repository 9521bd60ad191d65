package com.penguinmails.warmup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.SendingRamp;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.warmup.internal.MailboxRow;
import com.penguinmails.warmup.internal.WarmupStore;

/**
 * Graduation: a mailbox that warms does not jump from warmup volume to its full daily
 * cap. From its first campaign day ({@code campaigns_started_on}, day 0) it may send
 * {@code min(dailyCap, campaignStartPerDay + days × campaignIncreasePerDay)} campaign
 * messages a day; before any campaign sent, the first day's volume. A mailbox without
 * warmup (or with warmup off) keeps its plain daily cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WarmupGraduation implements SendingRamp {

	private final WarmupStore store;

	WarmupGraduation(WarmupStore store) {
		this.store = store;
	}

	@Override
	public int dailyCap(Mailbox mailbox, LocalDate day) {
		return store.find(mailbox.id())
			.filter(MailboxRow::enabled)
			.map(row -> cap(mailbox.dailyCap(), row, day))
			.orElse(mailbox.dailyCap());
	}

	/**
	 * The pool's caps with one read of their warmup rows, not one per mailbox (the
	 * scheduler asks for every batch of every campaign).
	 */
	@Override
	public List<Mailbox> capped(List<Mailbox> mailboxes, LocalDate day) {
		if (mailboxes.isEmpty()) {
			return mailboxes;
		}
		Map<UUID, MailboxRow> rows = new HashMap<>();
		for (MailboxRow row : store.find(mailboxes.stream().map(Mailbox::id).toList())) {
			rows.put(row.mailboxId(), row);
		}
		SendingRamp known = (mailbox, on) -> Optional.ofNullable(rows.get(mailbox.id()))
			.filter(MailboxRow::enabled)
			.map(row -> cap(mailbox.dailyCap(), row, on))
			.orElse(mailbox.dailyCap());
		return known.capped(mailboxes, day);
	}

	static int cap(int dailyCap, MailboxRow row, LocalDate day) {
		long days = row.campaignsStartedOn() == null ? 0
				: Math.max(0, ChronoUnit.DAYS.between(row.campaignsStartedOn(), day));
		long ramped = row.campaignStartPerDay() + days * row.campaignIncreasePerDay();
		return (int) Math.min(dailyCap, ramped);
	}

}
