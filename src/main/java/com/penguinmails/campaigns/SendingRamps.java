package com.penguinmails.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.Mailbox;

/**
 * The {@link SendingRamp} in force: the one another feature provides (the first by
 * {@code @Order} if several), else {@link SendingRamp#PLAIN}.
 */
@Component
class SendingRamps {

	private final ObjectProvider<SendingRamp> ramps;

	SendingRamps(ObjectProvider<SendingRamp> ramps) {
		this.ramps = ramps;
	}

	/** The campaign's mailboxes with the caps of the campaign's day at {@code now}. */
	List<Mailbox> capped(Campaign campaign, List<Mailbox> mailboxes, Instant now) {
		return capped(mailboxes, LocalDate.ofInstant(now, java.time.ZoneId.of(campaign.schedule().timeZone())));
	}

	/** The mailboxes with their caps on {@code day}. */
	List<Mailbox> capped(List<Mailbox> mailboxes, LocalDate day) {
		return ramps.orderedStream().findFirst().orElse(SendingRamp.PLAIN).capped(mailboxes, day);
	}

}
