package com.penguinmails.reputation.internal.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling settings under {@code penguinmails.reputation.throttling} (defaults in the
 * README).
 *
 * @param window how far back provider signals count towards a decision
 * @param slowAfter counted signals (slowing or suspending) in the window that slow a path
 * @param suspendAfter suspending signals (5.7.26, 5.7.708, S3150, TSS09, PH01 ...) in the
 * window that suspend a path; on a slowed path, {@code slowAfter} more signals since it
 * was slowed suspend it too, and on a path on trial one signal does
 * @param slowedPerHour messages an hour a slowed path takes
 * @param slowedGap the least time between two messages on a slowed path
 * @param suspendFor how long a first suspension lasts; each one after doubles it
 * @param maxSuspendFor the longest automatic suspension
 * @param trialPerHour messages an hour on trial, after a suspension
 * @param trialGap the least time between two messages on trial
 * @param cleanWindow time without a counted signal that moves a path a step back (trial
 * to slowed, slowed to normal)
 * @param providerCacheFor how long a recipient domain's provider (from its MX) is kept
 * @param reviewEnabled whether this node runs the recovery steps (tests call them)
 * @param reviewEvery how often recovery steps are looked for
 * @param guardWindow the period over which complaint and bounce rates per path are
 * measured
 * @param guardMinSent messages a path (of a mailbox, a domain's mailboxes, or all the
 * workspace's) must have sent in the guard window before its rates can suspend it
 * @param complaintRate the complaint rate that suspends the path (0.3%, Gmail's and
 * Yahoo's bulk sender limit)
 * @param bounceRate the hard bounce rate that suspends the path (5%)
 */
@ConfigurationProperties("penguinmails.reputation.throttling")
public record ThrottleProperties(@DefaultValue("PT1H") Duration window, @DefaultValue("3") int slowAfter,
		@DefaultValue("2") int suspendAfter, @DefaultValue("20") int slowedPerHour,
		@DefaultValue("PT3M") Duration slowedGap, @DefaultValue("PT4H") Duration suspendFor,
		@DefaultValue("PT24H") Duration maxSuspendFor, @DefaultValue("5") int trialPerHour,
		@DefaultValue("PT10M") Duration trialGap, @DefaultValue("PT2H") Duration cleanWindow,
		@DefaultValue("P7D") Duration providerCacheFor, @DefaultValue("true") boolean reviewEnabled,
		@DefaultValue("PT1M") Duration reviewEvery, @DefaultValue("P7D") Duration guardWindow,
		@DefaultValue("100") int guardMinSent, @DefaultValue("0.003") double complaintRate,
		@DefaultValue("0.05") double bounceRate) {
}
