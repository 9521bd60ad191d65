package com.penguinmails.reputation.web;

import java.util.Locale;

import com.penguinmails.reputation.DmarcDomainView;

/**
 * A domain's DMARC view with the words and percentages the page shows (public: the
 * template calls its methods).
 */
public record DmarcView(DmarcDomainView view, String stepLabel, String stepClass) {

	static DmarcView of(DmarcDomainView view) {
		DmarcDomainView.Step step = view.recommendation().step();
		String label = switch (step) {
			case WAIT -> "Not yet";
			case FIX -> "Fix first";
			case MOVE -> "Safe to move to p=" + view.recommendation().next();
			case KEEP -> "Keep p=reject";
		};
		String css = switch (step) {
			case MOVE, KEEP -> "badge ok";
			case FIX -> "badge bad";
			case WAIT -> "badge warn";
		};
		return new DmarcView(view, label, css);
	}

	/** A rate as "97.5%", or a dash without data. */
	static String percent(Double rate) {
		return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
	}

	/** For the template: {@code view.percentOf(rate)}. */
	public String percentOf(Double rate) {
		return percent(rate);
	}

}
