package com.penguinmails.analytics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A campaign's measures counted one way: per person (a recipient counts once however many
 * steps they got) or per message. {@code contacted}: people with at least one message
 * attempted, or messages attempted; {@code delivered}: of those, not bounced. Opens and
 * clicks are split into people's ({@code human}), machines' only ({@code machine}: mail
 * proxies, scanners) and {@code all}. Rates are fractions rounded to 4 places: of
 * contacted, but opens and clicks of delivered.
 */
public record Measures(long contacted, long delivered, Split opened, Split clicked, long replied, long interested,
		long bounced, long unsubscribed, long complained) {

	/** People's, machines' only, and all (human + machine). */
	public record Split(long human, long machine, long all) {

		static Split of(long human, long all) {
			return new Split(human, Math.max(0, all - human), all);
		}

	}

	/**
	 * One stage of the funnel.
	 *
	 * @param key contacted, delivered, opened, clicked, replied, interested (the
	 * {@code event} of the who-did-what list)
	 * @param ofContacted count over contacted
	 * @param ofPrevious count over the previous stage (1 for the first); null (left out
	 * of the JSON) when the previous stage is empty or smaller, as when a plain-text
	 * campaign (no tracking) has replies but no clicks: the stage is then not a part of
	 * the previous one
	 */
	public record Stage(String key, String label, long count, double ofContacted, Double ofPrevious) {
	}

	@JsonProperty
	public double deliveryRate() {
		return rate(delivered, contacted);
	}

	@JsonProperty
	public double openRate() {
		return rate(opened.human(), delivered);
	}

	@JsonProperty
	public double openRateAll() {
		return rate(opened.all(), delivered);
	}

	@JsonProperty
	public double clickRate() {
		return rate(clicked.human(), delivered);
	}

	@JsonProperty
	public double clickRateAll() {
		return rate(clicked.all(), delivered);
	}

	@JsonProperty
	public double replyRate() {
		return rate(replied, contacted);
	}

	@JsonProperty
	public double interestedRate() {
		return rate(interested, contacted);
	}

	@JsonProperty
	public double bounceRate() {
		return rate(bounced, contacted);
	}

	@JsonProperty
	public double unsubscribeRate() {
		return rate(unsubscribed, contacted);
	}

	@JsonProperty
	public double complaintRate() {
		return rate(complained, contacted);
	}

	/**
	 * Contacted → delivered → opened → clicked → replied → interested, opens and clicks
	 * people's.
	 */
	@JsonProperty
	public List<Stage> funnel() {
		long[] counts = { contacted, delivered, opened.human(), clicked.human(), replied, interested };
		String[] keys = { "contacted", "delivered", "opened", "clicked", "replied", "interested" };
		String[] labels = { "Contacted", "Delivered", "Opened", "Clicked", "Replied", "Interested" };
		Stage[] stages = new Stage[counts.length];
		for (int i = 0; i < counts.length; i++) {
			stages[i] = new Stage(keys[i], labels[i], counts[i], rate(counts[i], contacted), ofPrevious(counts, i));
		}
		return List.of(stages);
	}

	/** See {@link Stage#ofPrevious}. */
	private Double ofPrevious(long[] counts, int i) {
		if (i == 0) {
			return contacted == 0 ? 0.0 : 1.0;
		}
		if (counts[i - 1] == 0 || counts[i] > counts[i - 1]) {
			return null;
		}
		return rate(counts[i], counts[i - 1]);
	}

	static double rate(long part, long whole) {
		return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
	}

	/** A rate as people read it: "2.4 %", "100 %", "0 %". */
	public static String percent(double fraction) {
		double value = Math.round(fraction * 1000) / 10.0;
		return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + " %";
	}

}
