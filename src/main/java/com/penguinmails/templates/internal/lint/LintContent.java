package com.penguinmails.templates.internal.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import com.penguinmails.templates.LintInput;

/**
 * One message as the lint rules read it: the HTML parsed once with jsoup, the visible
 * text (block elements on lines of their own), the text part and the links. Liquid tags
 * are taken out of the visible text ({@code {{ first_name }}} reads as "name"), so a
 * template can be checked before it is rendered.
 */
public final class LintContent {

	/** A link: its URL as written and its visible text (empty for a bare URL in text). */
	public record Link(String url, String text, boolean anchor) {

		/**
		 * The host of an absolute http(s) URL, lower case; empty for any other link.
		 */
		public String host() {
			String lower = url.toLowerCase(Locale.ROOT);
			int start = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
			if (start < 0) {
				return "";
			}
			int end = start;
			while (end < lower.length() && "/?#".indexOf(lower.charAt(end)) < 0) {
				end++;
			}
			String authority = lower.substring(start, end);
			authority = authority.substring(authority.lastIndexOf('@') + 1);
			if (authority.startsWith("[")) {
				int close = authority.indexOf(']');
				return close > 0 ? authority.substring(1, close) : authority;
			}
			int colon = authority.indexOf(':');
			String host = colon >= 0 ? authority.substring(0, colon) : authority;
			return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		}

		/** True when the host is a Liquid expression ({@code https://{{ site }}/x}). */
		public boolean liquidHost() {
			return host().contains("{{") || host().contains("{%");
		}

	}

	private static final Pattern BARE_URL = Pattern.compile("https?://[^\\s<>\"'()\\[\\]]+", Pattern.CASE_INSENSITIVE);

	private final LintInput input;

	private final Document document;

	private final String visibleText;

	private final String textPart;

	private final List<Link> links;

	private LintContent(LintInput input) {
		this.input = input;
		boolean html = !input.plainText() && !input.html().isBlank();
		this.document = html ? Jsoup.parse(input.html()) : null;
		this.visibleText = html ? withoutLiquid(visible(document.body())) : withoutLiquid(input.text());
		this.textPart = html ? withoutLiquid(input.text()) : "";
		this.links = findLinks();
	}

	/** Reads {@code input} once for all rules. */
	public static LintContent of(LintInput input) {
		return new LintContent(input);
	}

	/** The input as given (raw subject, HTML, text, own domains, recipients). */
	public LintInput input() {
		return input;
	}

	/** The subject with Liquid tags neutralised. */
	public String subject() {
		return withoutLiquid(input.subject()).strip();
	}

	/** True when the message has an HTML body to judge. */
	public boolean isHtml() {
		return document != null;
	}

	/** The parsed HTML; only when {@link #isHtml()}. */
	public Document document() {
		return document;
	}

	/**
	 * What a reader sees of the body: the HTML's text (one line per block element) or,
	 * for a plain-text message, the text.
	 */
	public String visibleText() {
		return visibleText;
	}

	/** The text part given beside an HTML body (empty when none or when plain text). */
	public String textPart() {
		return textPart;
	}

	/**
	 * Every link of the body, in order: {@code <a href>} and {@code <area href>} of the
	 * HTML (not {@code mailto:}, {@code tel:} or in-page {@code #}), then bare http(s)
	 * URLs in the visible text and the text part.
	 */
	public List<Link> links() {
		return links;
	}

	/**
	 * The distinct link URLs (compared without case in scheme and host, and without a
	 * trailing slash).
	 */
	public Set<String> distinctUrls() {
		Set<String> urls = new LinkedHashSet<>();
		for (Link link : links) {
			urls.add(normalized(link.url()));
		}
		return urls;
	}

	/** The {@code <img>} elements of the HTML body. */
	public List<Element> images() {
		return document == null ? List.of() : document.body().select("img");
	}

	/** The words of {@code text}: runs between spaces holding a letter or a digit. */
	public static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String token : text.split("\\s+")) {
			if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
				words.add(token);
			}
		}
		return words;
	}

	private List<Link> findLinks() {
		List<Link> found = new ArrayList<>();
		if (document != null) {
			for (Element a : document.body().select("a[href], area[href]")) {
				String href = a.attr("href").strip();
				String lower = href.toLowerCase(Locale.ROOT);
				if (href.isEmpty() || href.startsWith("#") || lower.startsWith("mailto:") || lower.startsWith("tel:")
						|| lower.startsWith("sms:")) {
					continue;
				}
				found.add(new Link(href, a.text().strip(), true));
			}
		}
		for (String text : List.of(visibleText, textPart)) {
			Matcher url = BARE_URL.matcher(text);
			while (url.find()) {
				found.add(new Link(trimEnd(url.group(), ".,;:!?"), "", false));
			}
		}
		return List.copyOf(found);
	}

	/**
	 * {@code value} without the characters of {@code chars} at its end (linear, no
	 * regex).
	 */
	static String trimEnd(String value, String chars) {
		int end = value.length();
		while (end > 0 && chars.indexOf(value.charAt(end - 1)) >= 0) {
			end--;
		}
		return value.substring(0, end);
	}

	static String normalized(String url) {
		String value = url.strip();
		int scheme = value.indexOf("://");
		if (scheme > 0) {
			int path = value.indexOf('/', scheme + 3);
			String head = (path < 0 ? value : value.substring(0, path)).toLowerCase(Locale.ROOT);
			value = head + (path < 0 ? "" : value.substring(path));
		}
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	/**
	 * {@code text} with Liquid tags ({@code {% … %}}) removed and outputs ({@code {{ …
	 * }}}) read as "name"; one pass, linear in the length (an unclosed tag is left as it
	 * is).
	 */
	static String withoutLiquid(String text) {
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			int open = text.indexOf('{', i);
			if (open < 0 || open + 1 >= text.length()) {
				break;
			}
			char kind = text.charAt(open + 1);
			String close = kind == '{' ? "}}" : kind == '%' ? "%}" : null;
			int end = close == null ? -1 : text.indexOf(close, open + 2);
			if (close != null && end < 0) {
				break;
			}
			out.append(text, i, open);
			if (close == null) {
				out.append('{');
				i = open + 1;
				continue;
			}
			out.append(kind == '{' ? "name" : "");
			i = end + 2;
		}
		return out.append(text, Math.min(i, text.length()), text.length()).toString();
	}

	/** The visible text of an HTML document or fragment, one line per block element. */
	public static String textOf(String html) {
		return visible(Jsoup.parse(html).body());
	}

	/**
	 * The text of {@code root}, block elements and line breaks on lines of their own
	 * (jsoup's iterative traversal: any nesting depth).
	 */
	private static String visible(Element root) {
		StringBuilder text = new StringBuilder();
		NodeTraversor.filter(new NodeFilter() {

			@Override
			public FilterResult head(Node node, int depth) {
				if (node instanceof TextNode t) {
					text.append(t.text());
				}
				else if (node instanceof Element e && node != root) {
					String tag = e.normalName();
					if (tag.equals("script") || tag.equals("style") || tag.equals("head") || tag.equals("title")) {
						return FilterResult.SKIP_ENTIRELY;
					}
					if (tag.equals("br") || block(e)) {
						text.append('\n');
					}
				}
				return FilterResult.CONTINUE;
			}

			@Override
			public FilterResult tail(Node node, int depth) {
				if (node instanceof Element e && node != root && block(e)) {
					text.append('\n');
				}
				return FilterResult.CONTINUE;
			}

		}, root);
		return text.toString().replaceAll("[ \\t\\u00a0]+", " ").replaceAll(" ?\\n ?", "\n").strip();
	}

	private static boolean block(Element e) {
		String tag = e.normalName();
		return e.isBlock() || tag.equals("td") || tag.equals("th") || tag.equals("li");
	}

}
