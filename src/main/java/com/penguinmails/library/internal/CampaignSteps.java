package com.penguinmails.library.internal;

import java.util.List;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Sequences;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.library.LibraryStep;

/**
 * A library entry as a campaign's steps and tracking: the one place that knows both
 * shapes.
 */
public final class CampaignSteps {

	/** Liquid tags and outputs, left as written when text becomes HTML. */
	private CampaignSteps() {
	}

	/**
	 * The campaign step of a library step: its delay as written (amount and unit), its
	 * thread, its format (plain text stays plain text: sent as text/plain only) and one
	 * variant with the entry's subject and body.
	 */
	public static Campaign.Step step(LibraryStep step) {
		boolean html = step.writtenInHtml();
		String text = step.text() == null || step.text().isBlank() ? null : step.text();
		Campaign.Variant variant = new Campaign.Variant(step.subject(), html ? step.html() : null, text);
		return new Campaign.Step(step.delay().minutes(), step.delay().unit(), step.delay().amount(), step.newThread(),
				html ? StepFormat.HTML : StepFormat.TEXT, List.of(variant), null, null, null, null);
	}

	/**
	 * The step {@code step} as a follow-up: 2 days after the previous one, in the same
	 * thread (as a blank added step is).
	 */
	public static Campaign.Step delayed(Campaign.Step step) {
		Campaign.Step blank = Sequences.blank(2);
		return new Campaign.Step(blank.delayMinutes(), blank.delayUnit(), blank.delay(), blank.newThread(),
				step.format(), step.variants(), null, null, null, null);
	}

	/**
	 * No open or click tracking: cold email is best kept plain; a user may turn it on.
	 */
	public static Campaign.Tracking tracking() {
		return new Campaign.Tracking(false, false);
	}

}
