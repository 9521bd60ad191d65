package com.penguinmails.templates.internal;

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

import liqp.Template;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.nodes.LNode;
import liqp.parser.v4.NodeVisitor;

import org.springframework.stereotype.Component;

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

	static final Pattern OUTPUT = Pattern.compile("\\{\\{-?\\s*([A-Za-z_][\\w.]*)\\s*([^}]*)-?}}");

	static final Pattern LOCAL = Pattern.compile("\\{%-?\\s*(?:for|assign|capture)\\s+([A-Za-z_]\\w*)");

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

	private final Map<String, List<String>> outputsOf = new ConcurrentHashMap<>();

	/**
	 * Renders subject, HTML and text; a null or blank {@code html} is a plain-text
	 * message (html null in the result, its text strictly checked).
	 * @param seed what makes spintax choices stable for one recipient (the contact's id
	 * or email)
	 * @param variables the contact's fields; nested maps for {@code sender} and
	 * {@code custom}
	 */
	public Rendered render(String subject, String html, String text, Map<String, Object> variables, String seed,
			ZoneId zone) {
		return render(subject, html, text, variables, seed, zone, true);
	}

	/**
	 * Renders texts whose spintax is already chosen (one of {@link Spintax#expandAll}'s
	 * variants): Liquid only, with the same strict check. Without a written text part the
	 * text comes from {@code html}.
	 */
	public Rendered renderChosen(String subject, String html, String text, Map<String, Object> variables, ZoneId zone) {
		return render(subject, html, text, variables, "", zone, false);
	}

	private Rendered render(String subject, String html, String text, Map<String, Object> variables, String seed,
			ZoneId zone, boolean spin) {
		List<String> missing = new ArrayList<>();
		variables = inZone(variables, zone);
		String spunSubject = spin ? Spintax.spin(subject, seed + ":subject") : subject;
		String spunHtml = spin ? Spintax.spin(html, seed + ":html") : html;
		String renderedSubject = liquid(spunSubject, variables, zone, missing).strip();
		if (renderedSubject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
			renderedSubject = renderedSubject.replaceAll("[\\r\\n]+", " ");
		}
		// A plain-text message (no HTML): its text is what the strict check reads.
		boolean plainText = html == null || html.isBlank();
		String renderedHtml = plainText ? null
				: liquid(escapingOf.computeIfAbsent(spunHtml, HtmlOutputs::escapingOutputs), variables, zone, missing);
		// Without a written text part, the HTML template itself is turned into text once
		// (its
		// Liquid and spintax survive as text), then rendered with the raw values: the
		// same
		// spintax choices as the HTML, no HTML entities in the text.
		String textSource = text == null || text.isBlank() ? textOf.computeIfAbsent(plainText ? "" : html, HtmlText::of)
				: text;
		String spunText = spin ? Spintax.spin(textSource, seed + (text == null || text.isBlank() ? ":html" : ":text"))
				: textSource;
		String renderedText = liquid(spunText, variables, zone, plainText ? missing : new ArrayList<>());
		return new Rendered(renderedSubject, renderedHtml, renderedText, List.copyOf(new LinkedHashSet<>(missing)));
	}

	private String liquid(String source, Map<String, Object> variables, ZoneId zone, List<String> missing) {
		for (String path : outputsOf.computeIfAbsent(source, Personalizer::checkedOutputs)) {
			Object value = lookup(variables, path);
			if (value == null || value.toString().isBlank()) {
				missing.add(path);
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
			.withFilter(new HtmlOutputs.HtmlEscape())
			.withMaxIterations(10_000)
			.withMaxSizeRenderedString(2_000_000)
			.build();
	}

	/**
	 * The output variables that must have a value: those without a {@code default}
	 * filter. Conditions ({@code if}) may test missing values; loop and assigned
	 * variables are local.
	 */
	static List<String> checkedOutputs(String source) {
		Set<String> locals = new LinkedHashSet<>();
		Matcher local = LOCAL.matcher(source);
		while (local.find()) {
			locals.add(local.group(1));
		}
		List<String> checked = new ArrayList<>();
		Matcher output = OUTPUT.matcher(source);
		while (output.find()) {
			String path = output.group(1);
			if (!output.group(2).contains("default") && !locals.contains(path.split("\\.")[0])) {
				checked.add(path);
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

	/**
	 * Plain text from HTML (jsoup): paragraphs and line breaks kept, links as "text
	 * (url)".
	 */
	public static String toText(String html) {
		return HtmlText.of(html);
	}

}
