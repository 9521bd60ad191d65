package com.penguinmails.inbound.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inbound settings under {@code penguinmails.inbound}.
 *
 * @param syncEnabled whether this node runs the sync loop; tests turn it off and call the
 * sync directly
 * @param interval how often each mailbox is synced (IMAP IDLE wakes it sooner)
 * @param maxMessageBytes a bigger message is stored with its headers only, flagged
 * too_large
 * @param batchSize how many messages are fetched and stored per transaction
 * @param idle whether to keep an IDLE connection on each mailbox's INBOX whose server
 * offers it (RFC 2177), so replies land within seconds
 * @param idleConnections at most this many IDLE connections per node
 * @param complaintWindow the period over which a mailbox's complaint rate is measured
 * @param complaintAlertRate the rate that raises an alert (0.1%)
 * @param complaintPauseRate the rate that pauses the mailbox (0.3%)
 * @param complaintMinSent messages the mailbox must have sent in the window before the
 * rates apply: below it, one complaint is not a rate, and raises a warning, not a pause
 * @param softBouncesToSuppress soft bounces of one address that suppress it
 * @param blocksToPause refusals about us (bounces whose reason's action is block) in a
 * day that pause the sending mailbox
 * @param lease how long a node's claim on a mailbox's sync lasts; renewed every quarter
 * of it while the sync runs, so a node that dies holds the mailbox this long at most
 */
@ConfigurationProperties("penguinmails.inbound")
public record InboundProperties(@DefaultValue("true") boolean syncEnabled, @DefaultValue("PT1M") Duration interval,
		@DefaultValue("26214400") long maxMessageBytes, @DefaultValue("200") int batchSize,
		@DefaultValue("true") boolean idle, @DefaultValue("50") int idleConnections,
		@DefaultValue("P30D") Duration complaintWindow, @DefaultValue("0.001") double complaintAlertRate,
		@DefaultValue("0.003") double complaintPauseRate, @DefaultValue("200") int complaintMinSent,
		@DefaultValue("3") int softBouncesToSuppress, @DefaultValue("3") int blocksToPause,
		@DefaultValue("PT2M") Duration lease) {
}
