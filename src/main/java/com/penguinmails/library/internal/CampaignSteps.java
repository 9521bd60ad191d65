package com.penguinmails.library.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.library.LibraryEntry;
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
	 * The campaign step of a library step: its delay in minutes, and one variant. A
	 * plain-text step gets an HTML body made from its text (the campaign is sent as plain
	 * text, see {@link #tracking(LibraryEntry)}, but a variant always has a body).
	 */
	public static Campaign.Step step(LibraryStep step) {
		String html = step.writtenInHtml() ? step.html() : html(step.text());
		String text = step.text() == null || step.text().isBlank() ? null : step.text();
		return new Campaign.Step(step.delay().minutes(), step.newThread(),
				List.of(new Campaign.Variant(step.subject(), html, text)));
	}

	/** Plain text only (no HTML part, no tracking) when every step is plain text. */
	public static Campaign.Tracking tracking(LibraryEntry entry) {
		boolean plain = entry.steps().stream().noneMatch(LibraryStep::writtenInHtml);
		return new Campaign.Tracking(false, false, plain);
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
