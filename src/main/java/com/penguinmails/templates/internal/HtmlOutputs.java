package com.penguinmails.templates.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liqp.TemplateContext;

import org.springframework.web.util.HtmlUtils;

/**
 * HTML-escaping of a template's Liquid outputs as their last step, after their filters:
 * filters act on the value ({@code {{ company | upcase }}} with {@code Tom & Jerry's}
 * gives {@code TOM &amp; JERRY&#39;S}, {@code truncate} never cuts inside an entity), and
 * a contact named {@code <script>} is text.
 */
final class HtmlOutputs {

	/** The filter added as the last of each HTML output; not for templates to use. */
	static final String HTML_ESCAPE = "penguinmails_html_escape";

	/**
	 * A Liquid output: {@code {{}}, its expression, {@code }}} (with whitespace control).
	 */
	private static final Pattern OUTPUT_TAG = Pattern.compile("(?s)\\{\\{(-?)(.*?)(-?)\\}\\}");

	private static final Pattern CAPTURE = Pattern.compile("\\{%-?\\s*capture\\s+([A-Za-z_]\\w*)");

	/** Filters whose output is HTML made from text: the value is escaped before them. */
	private static final Set<String> HTML_MAKING = Set.of("newline_to_br");

	/** Filters that escape: ours replaces them when last, so nothing is escaped twice. */
	private static final Set<String> ESCAPING = Set.of("escape", "escape_once");

	private HtmlOutputs() {
	}

	/**
	 * The HTML source with the escaping filter as the last filter of every output, so the
	 * template's own filters see the raw value. A {@code capture}d variable holds
	 * rendered HTML (its outputs escaped already) and is output as it is; a last
	 * {@code escape} filter gives way to ours (never twice); and the value is escaped
	 * just before a filter that makes HTML of text ({@code newline_to_br}).
	 */
	static String escapingOutputs(String source) {
		if (source == null || !source.contains("{{")) {
			return source;
		}
		Set<String> captured = new LinkedHashSet<>();
		Matcher capture = CAPTURE.matcher(source);
		while (capture.find()) {
			captured.add(capture.group(1));
		}
		Matcher output = OUTPUT_TAG.matcher(source);
		StringBuilder out = new StringBuilder(source.length() + 64);
		while (output.find()) {
			String expression = output.group(2);
			String head = expression.strip().split("[\\s|.\\[]", 2)[0];
			String replacement = output.group();
			if (!expression.isBlank() && !captured.contains(head)) {
				replacement = "{{" + output.group(1) + escaping(expression) + " " + output.group(3) + "}}";
			}
			output.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		output.appendTail(out);
		return out.toString();
	}

	/**
	 * An output expression with the escaping filter in its place: last (instead of a last
	 * {@code escape}), or before the first filter that makes HTML.
	 */
	private static String escaping(String expression) {
		List<String> parts = new ArrayList<>(filters(expression));
		if (parts.size() > 1 && ESCAPING.contains(filterName(parts.get(parts.size() - 1)))) {
			// Ours escapes as much or more (also "'"): it takes the place of theirs.
			parts.remove(parts.size() - 1);
		}
		StringBuilder out = new StringBuilder(parts.get(0));
		boolean inserted = false;
		for (String filter : parts.subList(1, parts.size())) {
			if (!inserted && HTML_MAKING.contains(filterName(filter))) {
				out.append("| ").append(HTML_ESCAPE).append(' ');
				inserted = true;
			}
			out.append('|').append(filter);
		}
		String result = out.toString().stripTrailing();
		return inserted ? result : result + " | " + HTML_ESCAPE;
	}

	/** An expression split at the bars that separate filters (not those in quotes). */
	private static List<String> filters(String expression) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		char quote = 0;
		for (char c : expression.toCharArray()) {
			if (quote != 0) {
				quote = c == quote ? 0 : quote;
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '|') {
				parts.add(current.toString());
				current.setLength(0);
				continue;
			}
			current.append(c);
		}
		parts.add(current.toString());
		return parts;
	}

	private static String filterName(String filter) {
		return filter.strip().split("[\\s:]", 2)[0];
	}

	/**
	 * HTML-escapes an output's value (Spring's {@link HtmlUtils#htmlEscape} for UTF-8:
	 * only {@code &
	 * < > " '}); each string of a list alike, numbers, booleans and dates as they are.
	 */
	static final class HtmlEscape extends liqp.filters.Filter {

		HtmlEscape() {
			super(HTML_ESCAPE);
		}

		@Override
		public Object apply(Object value, TemplateContext context, Object... params) {
			if (value == null || value instanceof Number || value instanceof Boolean
					|| value instanceof java.time.temporal.TemporalAccessor) {
				return value;
			}
			if (value instanceof String text) {
				return HtmlUtils.htmlEscape(text, "UTF-8");
			}
			if (value instanceof java.util.Collection<?> || value.getClass().isArray()) {
				Object[] items = asArray(value, context);
				Object[] escaped = new Object[items.length];
				for (int i = 0; i < items.length; i++) {
					escaped[i] = apply(items[i], context);
				}
				return escaped;
			}
			return HtmlUtils.htmlEscape(asString(value, context), "UTF-8");
		}

	}

}
