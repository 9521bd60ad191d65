package com.penguinmails.tracking.internal;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * Puts the click redirect and the open pixel into a message's HTML. Edits the HTML in
 * place rather than re-serialising a parsed tree: only the value of each rewritten
 * {@code href} changes, and the pixel is inserted; everything else ({@code <style>}
 * blocks, comments and Outlook conditional comments, the head, entities, quoting, white
 * space) stays byte for byte as written. jsoup finds the links the way a browser would
 * (HTML5 parsing, so nothing in a comment, a style or a script is taken for a link) and
 * gives each value's place in the source.
 */
final class LinkRewriter {

	private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

	private LinkRewriter() {
	}

	/**
	 * The HTML with each http(s) link but our own unsubscribe links replaced by
	 * {@code clickUrl} of its destination.
	 * @param unsubscribePrefixes where our unsubscribe links start (they are not clicks
	 * to count and stay as they are)
	 */
	static String clicks(String html, UnaryOperator<String> clickUrl, String... unsubscribePrefixes) {
		StringBuilder out = new StringBuilder(html.length() + 256);
		int copied = 0;
		Document document = Jsoup.parse(html, "", Parser.htmlParser().setTrackPosition(true));
		for (Element link : document.select("a[href]")) {
			String href = link.attr("href").strip();
			if (!tracked(href, unsubscribePrefixes)) {
				continue;
			}
			Range value = link.attributes().sourceRange("href").valueRange();
			if (!value.isTracked() || value.startPos() < copied || value.endPos() > html.length()) {
				continue;
			}
			// The place must hold this very value (entities aside), or it is left alone:
			// a
			// link missed is better than a message broken.
			String written = html.substring(value.startPos(), value.endPos());
			if (!Parser.unescapeEntities(written, true).strip().equals(href)) {
				continue;
			}
			out.append(html, copied, value.startPos()).append(clickUrl.apply(href));
			copied = value.endPos();
		}
		return out.append(html, copied, html.length()).toString();
	}

	private static boolean tracked(String href, String... unsubscribePrefixes) {
		String scheme = href.toLowerCase(Locale.ROOT);
		if (!(scheme.startsWith("http://") || scheme.startsWith("https://"))) {
			return false;
		}
		for (String prefix : unsubscribePrefixes) {
			if (href.startsWith(prefix)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The HTML with the open pixel at {@code pixelUrl} as the very last thing of its
	 * body. Not an {@code <img>}: SpamAssassin's HTML_IMAGE_ONLY_* rules score any image
	 * in a short message (0.6 to 2 points, the length of a cold email), so the pixel is
	 * the background of a 1x1 table (the HTML attribute and CSS), which the clients that
	 * load images fetch as well.
	 */
	static String pixel(String html, String pixelUrl) {
		String pixel = "<table role=\"presentation\" width=\"1\" height=\"1\" cellpadding=\"0\" cellspacing=\"0\""
				+ " border=\"0\" background=\"" + pixelUrl + "\" style=\"background-image:url('" + pixelUrl + "')\">"
				+ "<tr><td></td></tr></table>";
		Matcher end = BODY_END.matcher(html);
		int at = -1;
		while (end.find()) {
			at = end.start();
		}
		return at < 0 ? html + pixel : html.substring(0, at) + pixel + html.substring(at);
	}

}
