package com.penguinmails.library.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
	private static final Pattern LIQUID = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);

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

	/**
	 * Text as simple HTML: paragraphs at blank lines, {@code <br>
	 * } at line breaks, the characters {@code & < >} escaped outside Liquid.
	 */
	public static String html(String text) {
		StringBuilder html = new StringBuilder();
		for (String paragraph : text.strip().split("\\n\\s*\\n")) {
			html.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
		}
		return html.toString();
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder();
		Matcher liquid = LIQUID.matcher(text);
		int last = 0;
		while (liquid.find()) {
			out.append(escapeHtml(text.substring(last, liquid.start()))).append(liquid.group());
			last = liquid.end();
		}
		return out.append(escapeHtml(text.substring(last))).toString();
	}

	private static String escapeHtml(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
