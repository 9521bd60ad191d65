package com.penguinmails.dashboard;

/**
 * The figures of campaign messages over a period, from the daily read model.
 *
 * @param sent messages accepted by the receiving server
 * @param delivered sent minus bounced (a bounce is counted on the day it came back),
 * never below zero
 * @param repliedPeople people who replied (not automatic replies), each once
 * @param replyRate {@code repliedPeople / sent}, 0 to 1 (0 when nothing was sent)
 * @param positive conversations labelled interested or meeting booked (now), by the day
 * first so labelled
 * @param bounced bounces read back plus hard refusals at send time
 * @param complained spam complaints (RFC 5965 feedback reports)
 * @param unsubscribed unsubscribes, by link, one-click POST (RFC 8058) or mail
 */
public record Figures(long sent, long delivered, long repliedPeople, double replyRate, long positive, long bounced,
		long complained, long unsubscribed) {

	/** The reply rate as a percentage with one decimal, for pages ({@code 4.2%}). */
	public String replyRatePercent() {
		return String.format(java.util.Locale.ROOT, "%.1f%%", replyRate * 100);
	}

}
