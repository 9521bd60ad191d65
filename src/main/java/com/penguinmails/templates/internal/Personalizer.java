package com.penguinmails.templates.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.hash.Hashing;
import liqp.Template;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.nodes.LNode;
import liqp.parser.v4.NodeVisitor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import com.penguinmails.templates.Rendered;

/**
 * Renders subject, HTML and text for one contact: spintax first (one option per contact,
 * the same at every render), then Liquid (liqp) with the contact's fields, custom fields
 * and {@code sender.*}, dates in the contact's time zone. In the HTML every output
 * ({@code {{ ... }}}) is HTML-escaped as its last step, after its filters: filters act on
 * the value ({@code {{ company | upcase }}} with {@code Tom & Jerry's} gives
 * {@code TOM &amp; JERRY&#39;S}, {@code truncate} never cuts inside an entity), and a
 * contact named {@code <script>} is text. The subject refuses line breaks (no header
 * injection).
 */
@Component
public class Personalizer {

	/**
	 * {@code {a|b|c}} with at least one bar, not part of a Liquid {@code {{ }}} or
	 * {@code {% %}}.
	 */
	static final Pattern SPINTAX = Pattern.compile("(?<!\\{)\\{(?![{%])([^{}|]*(?:\\|[^{}|]*)+)\\}(?!\\})");

	static final Pattern OUTPUT = Pattern.compile("\\{\\{-?\\s*([A-Za-z_][\\w.]*)\\s*([^}]*)-?}}");

	static final Pattern LOCAL = Pattern.compile("\\{%-?\\s*(?:for|assign|capture)\\s+([A-Za-z_]\\w*)");

	/**
	 * A Liquid output: {@code {{}}, its expression, {@code }}} (with whitespace control).
	 */
	static final Pattern OUTPUT_TAG = Pattern.compile("(?s)\\{\\{(-?)(.*?)(-?)\\}\\}");

	static final Pattern CAPTURE = Pattern.compile("\\{%-?\\s*capture\\s+([A-Za-z_]\\w*)");

	/** The filter added as the last of each HTML output; not for templates to use. */
	static final String HTML_ESCAPE = "penguinmails_html_escape";

	private final Map<String, String> escapingOf = new ConcurrentHashMap<>();

	/**
	 * A template parsed once and turned into liqp's node tree once. liqp's own
	 * {@code Template.render} rebuilds the node tree at every render (most of its cost)
	 * and keeps the render's context in a field of the shared {@code Template}, so two
	 * threads rendering one template could swap contacts. Rendering the cached tree with
	 * a context of our own is both faster and safe to share.
	 */
	private record Compiled(TemplateParser parser, LNode root) {

		String render(Map<String, Object> variables) {
			TemplateContext context = new TemplateContext(parser, parser.evaluate(parser.mapper, variables));
			Object rendered = parser.getRenderTransformer().transformObject(context, root.render(context));
			return rendered == null ? "" : rendered.toString();
		}

	}

	/**
	 * Compiled templates by time zone, then source (no key concatenation: sources are
	 * long).
	 */
	private final Map<ZoneId, Map<String, Compiled>> cache = new ConcurrentHashMap<>();

	private final Map<String, String> textOf = new ConcurrentHashMap<>();

	private final Map<String, List<String[]>> outputsOf = new ConcurrentHashMap<>();

	/**
	 * @param seed what makes spintax choices stable for one recipient (the contact's id
	 * or email)
	 * @param variables the contact's fields; nested maps for {@code sender} and
	 * {@code custom}
	 */
	public Rendered render(String subject, String html, String text, Map<String, Object> variables, String seed,
			ZoneId zone) {
		List<String> missing = new ArrayList<>();
		variables = inZone(variables, zone);
		String spunSubject = spin(subject, seed + ":subject");
		String spunHtml = spin(html, seed + ":html");
		String renderedSubject = liquid(spunSubject, variables, zone, missing).strip();
		if (renderedSubject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
			renderedSubject = renderedSubject.replaceAll("[\\r\\n]+", " ");
		}
		String renderedHtml = liquid(escapingOf.computeIfAbsent(spunHtml, Personalizer::escapingOutputs), variables,
				zone, missing);
		// Without a written text part, the HTML template itself is turned into text once
		// (its
		// Liquid and spintax survive as text), then rendered with the raw values: the
		// same
		// spintax choices as the HTML, no HTML entities in the text.
		String textSource = text == null || text.isBlank() ? textOf.computeIfAbsent(html, Personalizer::toText) : text;
		String renderedText = liquid(spin(textSource, seed + (text == null || text.isBlank() ? ":html" : ":text")),
				variables, zone, new ArrayList<>());
		return new Rendered(renderedSubject, renderedHtml, renderedText, List.copyOf(new LinkedHashSet<>(missing)));
	}

	private String liquid(String source, Map<String, Object> variables, ZoneId zone, List<String> missing) {
		for (String[] output : outputsOf.computeIfAbsent(source, Personalizer::checkedOutputs)) {
			Object value = lookup(variables, output[0]);
			if (value == null || value.toString().isBlank()) {
				missing.add(output[0]);
			}
		}
		Map<String, Compiled> byZone = cache.computeIfAbsent(zone, z -> new ConcurrentHashMap<>());
		Compiled template = byZone.computeIfAbsent(source, key -> compile(parser(zone), source));
		if (byZone.size() > 10_000) {
			byZone.clear();
			textOf.clear();
			escapingOf.clear();
			outputsOf.clear();
		}
		return template.render(variables);
	}

	private static Compiled compile(TemplateParser parser, String source) {
		Template template = parser.parse(source);
		LNode root = (LNode) new NodeVisitor(parser.insertions, parser.filters, parser.liquidStyleInclude)
			.visit(template.getParseTree());
		return new Compiled(parser, root);
	}

	private static TemplateParser parser(ZoneId zone) {
		return new TemplateParser.Builder().withDefaultTimeZone(zone)
			.withErrorMode(TemplateParser.ErrorMode.LAX)
			// Bounded by iterations and output size, not by a render-time limit: liqp
			// enforces that
			// with a thread per render, which costs more than the rendering itself.
			.withFilter(new HtmlEscape())
			.withMaxIterations(10_000)
			.withMaxSizeRenderedString(2_000_000)
			.build();
	}

	/**
	 * The output variables that must have a value: those without a {@code default}
	 * filter. Conditions ({@code if}) may test missing values; loop and assigned
	 * variables are local.
	 */
	static List<String[]> checkedOutputs(String source) {
		Set<String> locals = new LinkedHashSet<>();
		Matcher local = LOCAL.matcher(source);
		while (local.find()) {
			locals.add(local.group(1));
		}
		List<String[]> checked = new ArrayList<>();
		Matcher output = OUTPUT.matcher(source);
		while (output.find()) {
			String path = output.group(1);
			if (!output.group(2).contains("default") && !locals.contains(path.split("\\.")[0])) {
				checked.add(new String[] { path });
			}
		}
		return checked;
	}

	@SuppressWarnings("unchecked")
	static Object lookup(Map<String, Object> variables, String path) {
		Object current = variables;
		for (String part : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = ((Map<String, Object>) map).get(part);
		}
		return current;
	}

	private static final Map<String, List<Object>> SPIN_PLANS = new ConcurrentHashMap<>();

	/**
	 * Replaces each spintax group by one option, chosen from a hash of the seed and the
	 * group, so the same contact always gets the same text. The source is split into
	 * literal text and groups once and cached.
	 */
	static String spin(String source, String seed) {
		if (source == null || source.indexOf('|') < 0) {
			return source;
		}
		if (SPIN_PLANS.size() > 10_000) {
			SPIN_PLANS.clear();
		}
		List<Object> plan = SPIN_PLANS.computeIfAbsent(source, Personalizer::spinPlan);
		StringBuilder out = new StringBuilder(source.length());
		int index = 0;
		for (Object part : plan) {
			if (part instanceof String literal) {
				out.append(literal);
			}
			else {
				String[] options = (String[]) part;
				int pick = Math.floorMod(Hashing.murmur3_32_fixed()
					.hashString(seed + ":" + index++ + ":" + String.join("|", options), StandardCharsets.UTF_8)
					.asInt(), options.length);
				out.append(options[pick]);
			}
		}
		return out.toString();
	}

	private static List<Object> spinPlan(String source) {
		List<Object> plan = new ArrayList<>();
		Matcher matcher = SPINTAX.matcher(source);
		int last = 0;
		while (matcher.find()) {
			plan.add(source.substring(last, matcher.start()));
			plan.add(matcher.group(1).split("\\|", -1));
			last = matcher.end();
		}
		plan.add(source.substring(last));
		return plan;
	}

	/**
	 * Instants become date-times in the contact's time zone, so date filters print local
	 * dates.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> inZone(Map<String, Object> variables, ZoneId zone) {
		Map<String, Object> copy = new HashMap<>();
		variables.forEach((key, value) -> {
			if (value instanceof java.time.Instant instant) {
				copy.put(key, instant.atZone(zone));
			}
			else if (value instanceof Map<?, ?> map) {
				copy.put(key, inZone((Map<String, Object>) map, zone));
			}
			else {
				copy.put(key, value);
			}
		});
		return copy;
	}

	/** Filters whose output is HTML made from text: the value is escaped before them. */
	private static final Set<String> HTML_MAKING = Set.of("newline_to_br");

	/** Filters that escape: ours replaces them when last, so nothing is escaped twice. */
	private static final Set<String> ESCAPING = Set.of("escape", "escape_once");

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

	/**
	 * Plain text from HTML (jsoup): paragraphs and line breaks kept, links as "text
	 * (url)".
	 */
	public static String toText(String html) {
		Document document = Jsoup.parse(html);
		StringBuilder text = new StringBuilder();
		appendText(document.body(), text);
		return text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}

	private static void appendText(Node node, StringBuilder text) {
		for (Node child : node.childNodes()) {
			if (child instanceof TextNode t) {
				text.append(t.text());
			}
			else if (child instanceof Element e) {
				String tag = e.normalName();
				if (tag.equals("script") || tag.equals("style") || tag.equals("head")) {
					continue;
				}
				if (tag.equals("br")) {
					text.append('\n');
					continue;
				}
				boolean block = e.isBlock() || tag.equals("li") || tag.equals("tr");
				if (block && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
					text.append('\n');
				}
				if (tag.equals("li")) {
					text.append("- ");
				}
				appendText(e, text);
				if (tag.equals("a") && e.hasAttr("href") && !e.attr("href").equals(e.text())
						&& !e.attr("href").startsWith("mailto:")) {
					text.append(" (").append(e.attr("href")).append(')');
				}
				if (block) {
					text.append(tag.equals("p") || tag.startsWith("h") ? "\n\n" : "\n");
				}
			}
		}
	}

}
