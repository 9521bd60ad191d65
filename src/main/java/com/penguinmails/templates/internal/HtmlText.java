package com.penguinmails.templates.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Plain text from HTML (jsoup), for a template without a written text part: paragraphs
 * and line breaks kept, list items as "- ", links as "text (url)".
 */
final class HtmlText {

	private HtmlText() {
	}

	static String of(String html) {
		Document document = Jsoup.parse(html);
		StringBuilder text = new StringBuilder();
		append(document.body(), text);
		return text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}

	private static void append(Node node, StringBuilder text) {
		for (Node child : node.childNodes()) {
			if (child instanceof TextNode t) {
				text.append(t.text());
			}
			else if (child instanceof Element e) {
				append(e, text);
			}
		}
	}

	private static void append(Element e, StringBuilder text) {
		String tag = e.normalName();
		if (tag.equals("script") || tag.equals("style") || tag.equals("head")) {
			return;
		}
		if (tag.equals("br")) {
			text.append('\n');
			return;
		}
		boolean block = e.isBlock() || tag.equals("li") || tag.equals("tr");
		if (block && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
			text.append('\n');
		}
		if (tag.equals("li")) {
			text.append("- ");
		}
		append((Node) e, text);
		if (tag.equals("a") && e.hasAttr("href") && !e.attr("href").equals(e.text())
				&& !e.attr("href").startsWith("mailto:")) {
			text.append(" (").append(e.attr("href")).append(')');
		}
		if (block) {
			text.append(tag.equals("p") || tag.startsWith("h") ? "\n\n" : "\n");
		}
	}

}
