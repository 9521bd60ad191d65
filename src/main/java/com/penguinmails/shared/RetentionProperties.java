package com.penguinmails.shared;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the high-volume records are kept, bound from {@code penguinmails.retention.*}.
 * Each is a {@link Period} ({@code 12m}, {@code 2y}, {@code P400D}); zero, negative or
 * absent means forever (the default). The event tables are partitioned by month (V88,
 * V89): a month goes whole, once all of it is older than the period, by dropping its
 * partition; rows are never deleted one by one.
 *
 * @param trackingEvents opens and clicks ({@code tracking_events}, by
 * {@code occurred_at})
 * @param inboundMessages messages read from mailboxes or written in the inbox
 * ({@code inbound_messages}, by {@code received_at}); their dedupe keys are kept, so a
 * re-read of a dropped month stores nothing again
 * @param outboxBodies how long a sent, failed or cancelled outbox message keeps its HTML
 * and text bodies (by {@code coalesce(sent_at, created_at)}); the row itself, its
 * Message-ID (reply matching) and its outcome stay
 * @param outbox how long outbox messages are kept at all ({@code outbox}, by
 * {@code created_at}, partitioned by month since V94): a month goes whole once it is
 * older than the period and every message of it is final (sent, failed or cancelled); its
 * keys ({@code outbox_keys}) stay, so no step of an enrolment is ever queued twice
 */
@ConfigurationProperties("penguinmails.retention")
public record RetentionProperties(Period trackingEvents, Period inboundMessages, Period outboxBodies, Period outbox) {

	/** Whether records kept for {@code period} are ever dropped. */
	public static boolean limited(Period period) {
		return period != null && !period.isZero() && !period.isNegative();
	}

}
