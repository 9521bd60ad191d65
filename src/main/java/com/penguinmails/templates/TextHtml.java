package com.penguinmails.templates;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML part of a message written as plain text: the one conversion templates,
 * campaign steps and library sequences share. Each paragraph (text between blank lines)
 * becomes a paragraph element, each line break a line break element; ampersands and angle
 * brackets are escaped outside Liquid only, so {@code {{ first_name | default: "there"
 * }}} and {@code {% if score > 5 %}} stay as written for the renderer.
 */
public final class TextHtml {

	private static final Pattern LIQUID = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);

	private TextHtml() {
	}

	/**
	 * @param text plain text, line breaks LF or CRLF; null reads as empty
	 * @return the HTML, one paragraph element per line; "" for blank text
	 */
	public static String of(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		StringBuilder html = new StringBuilder();
		for (String paragraph : text.strip().replace("\r\n", "\n").split("\n\\s*\n")) {
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
