package com.penguinmails.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures of a slice of workspace analytics (a period, a campaign, a mailbox...).
 * Message counts: {@code sent} are messages handed to a receiving server,
 * {@code bounced*} those it refused at SMTP time or bounced later by a DSN, by kind;
 * {@code opened} and {@code clicked} are messages opened or clicked by a person (privacy
 * proxies and scanners left out; {@code openedAll} keeps them), counted when first
 * opened; {@code replied} human replies (auto-replies apart). People counts
 * ({@code people*}) are recipients (one contact in one campaign) counted once, when they
 * were first contacted, first opened, first clicked, first replied. {@code interested}
 * counts people whose conversation is labelled interested or meeting booked now, by when
 * it was labelled.
 * <p>
 * Rates are fractions (0.125 for 12.5 %): per person over people contacted, except
 * delivery and bounces (per message over sent) and complaints (per message over
 * delivered, as mailbox providers count them).
 */
public record Totals(long sent, long bouncedHard, long bouncedSoft, long bouncedBlock, long bouncedOther, long opened,
		long openedAll, long clicked, long replied, long autoReplied, long unsubscribed, long complained,
		long peopleContacted, long peopleOpened, long peopleClicked, long peopleReplied, long interested) {

	/** No figures. */
	public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * Totals from the 16 rollup measures in {@code RollupSql.MEASURES} order, and
	 * interested.
	 */
	public static Totals of(long[] m, long interested) {
		return new Totals(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14],
				m[15], interested);
	}

	@JsonProperty
	public long bounced() {
		return bouncedHard + bouncedSoft + bouncedBlock + bouncedOther;
	}

	@JsonProperty
	public long delivered() {
		return Math.max(0, sent - bounced());
	}

	@JsonProperty
	public double deliveryRate() {
		return rate(delivered(), sent);
	}

	@JsonProperty
	public double bounceRate() {
		return rate(bounced(), sent);
	}

	/** People who opened, of people contacted. */
	@JsonProperty
	public double openRate() {
		return rate(peopleOpened, peopleContacted);
	}

	@JsonProperty
	public double clickRate() {
		return rate(peopleClicked, peopleContacted);
	}

	@JsonProperty
	public double replyRate() {
		return rate(peopleReplied, peopleContacted);
	}

	@JsonProperty
	public double interestedRate() {
		return rate(interested, peopleContacted);
	}

	@JsonProperty
	public double unsubscribeRate() {
		return rate(unsubscribed, peopleContacted);
	}

	@JsonProperty
	public double complaintRate() {
		return rate(complained, delivered());
	}

	/**
	 * Messages opened (by a person) of messages delivered: a step's or variant's own
	 * rate.
	 */
	@JsonProperty
	public double messageOpenRate() {
		return rate(opened, delivered());
	}

	/** Messages clicked of messages delivered. */
	@JsonProperty
	public double messageClickRate() {
		return rate(clicked, delivered());
	}

	/** Replies of messages delivered. */
	@JsonProperty
	public double messageReplyRate() {
		return rate(replied, delivered());
	}

	/** The sum of two slices (interested included). */
	public Totals plus(Totals o) {
		return new Totals(sent + o.sent, bouncedHard + o.bouncedHard, bouncedSoft + o.bouncedSoft,
				bouncedBlock + o.bouncedBlock, bouncedOther + o.bouncedOther, opened + o.opened,
				openedAll + o.openedAll, clicked + o.clicked, replied + o.replied, autoReplied + o.autoReplied,
				unsubscribed + o.unsubscribed, complained + o.complained, peopleContacted + o.peopleContacted,
				peopleOpened + o.peopleOpened, peopleClicked + o.peopleClicked, peopleReplied + o.peopleReplied,
				interested + o.interested);
	}

	/** The same figures with another interested count. */
	public Totals withInterested(long count) {
		return new Totals(sent, bouncedHard, bouncedSoft, bouncedBlock, bouncedOther, opened, openedAll, clicked,
				replied, autoReplied, unsubscribed, complained, peopleContacted, peopleOpened, peopleClicked,
				peopleReplied, count);
	}

	static double rate(long part, long whole) {
		return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
	}

}
