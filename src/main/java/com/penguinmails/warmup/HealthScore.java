package com.penguinmails.warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a mailbox's warmup health score (0–100) is made of, over the 7 days ending on the
 * measured day:
 * <ul>
 * <li>placement, up to 70: {@code 70 × (inbox + 0.5 × other) / (inbox + spam + other +
 * missing)} of the warmup mail it sent whose placement is known;</li>
 * <li>DNS, up to 15: 5 each when SPF passes, a DKIM key is active and DMARC is published
 * for its domain;</li>
 * <li>bounces, up to 10: {@code 10 × max(0, 1 − bounceRate / 0.05)} of its campaign
 * mail;</li>
 * <li>complaints, up to 5: {@code 5 × max(0, 1 − complaintRate / 0.003)} (0.3 %, the
 * Gmail and Yahoo bulk sender limit).</li>
 * </ul>
 *
 * @param inbox warmup messages found in the inbox
 * @param spam found in the spam (junk) folder
 * @param other found in another folder (Promotions...)
 * @param missing not found within the time allowed
 * @param bounceRate bounces over campaign messages sent, a fraction (0 when none sent)
 * @param complaintRate complaints over campaign messages sent, a fraction
 * @param spf SPF passes for the mailbox's domain
 * @param dkim the domain has an active DKIM key whose record is published
 * @param dmarc the domain publishes DMARC
 */
public record HealthScore(int inbox, int spam, int other, int missing, double bounceRate, double complaintRate,
		boolean spf, boolean dkim, boolean dmarc) {

	/** Above this bounce rate (5 %) the bounce part is 0. */
	public static final double BOUNCE_LIMIT = 0.05;

	/** Above this complaint rate (0.3 %) the complaint part is 0. */
	public static final double COMPLAINT_LIMIT = 0.003;

	/** Warmup messages whose placement is known. */
	public int known() {
		return inbox + spam + other + missing;
	}

	/** Placement part, 0–70 (not rounded); 0 when nothing is known. */
	public double placementPoints() {
		return known() == 0 ? 0 : 70.0 * (inbox + 0.5 * other) / known();
	}

	/** DNS part: 0, 5, 10 or 15. */
	public int dnsPoints() {
		return (spf ? 5 : 0) + (dkim ? 5 : 0) + (dmarc ? 5 : 0);
	}

	/** Bounce part, 0–10 (not rounded). */
	public double bouncePoints() {
		return 10 * Math.max(0, 1 - bounceRate / BOUNCE_LIMIT);
	}

	/** Complaint part, 0–5 (not rounded). */
	public double complaintPoints() {
		return 5 * Math.max(0, 1 - complaintRate / COMPLAINT_LIMIT);
	}

	/**
	 * The score, 0–100 rounded half up; empty when no placement is known ("Not measured
	 * yet").
	 */
	public Optional<Integer> score() {
		if (known() == 0) {
			return Optional.empty();
		}
		long total = Math.round(placementPoints() + dnsPoints() + bouncePoints() + complaintPoints());
		return Optional.of((int) Math.max(0, Math.min(100, total)));
	}

	/**
	 * Share of known warmup mail found in the inbox, 0–100 rounded; 0 when none known.
	 */
	public int inboxPercent() {
		return known() == 0 ? 0 : (int) Math.round(100.0 * inbox / known());
	}

	/**
	 * What lost DNS points, as people name it ("SPF", "DKIM", "DMARC"); empty when none.
	 */
	public List<String> dnsMissing() {
		List<String> missingParts = new ArrayList<>();
		if (!spf) {
			missingParts.add("SPF");
		}
		if (!dkim) {
			missingParts.add("DKIM");
		}
		if (!dmarc) {
			missingParts.add("DMARC");
		}
		return missingParts;
	}

}
