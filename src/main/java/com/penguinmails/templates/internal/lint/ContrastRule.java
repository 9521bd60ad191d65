package com.penguinmails.templates.internal.lint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import com.penguinmails.templates.Finding;
import com.penguinmails.templates.internal.lint.CssColors.Rgb;

/**
 * {@code low-contrast}: text whose inline colour ({@code style="color: …"} or
 * {@code <font color>}, its own or inherited) stands against its background (inline
 * {@code background-color}, {@code background} or {@code bgcolor}, its own or inherited;
 * white when none) at a contrast ratio below {@value #MIN_RATIO}:1, WCAG 2.1 §1.4.3
 * (contrast minimum, level AA). Text without an inline colour is left alone (the client
 * chooses it). One warning per pair of colours.
 */
public final class ContrastRule implements LintRule {

	/** WCAG 2.1 §1.4.3: at least 4.5:1 for text. */
	public static final double MIN_RATIO = 4.5;

	@Override
	public void check(LintContent content, List<Finding> findings) {
		if (!content.isHtml()) {
			return;
		}
		Map<String, Finding> pairs = new LinkedHashMap<>();
		// The inherited colour and background of each open element, top of the stack the
		// innermost (jsoup's iterative traversal: any nesting depth).
		Deque<Rgb[]> inherited = new ArrayDeque<>();
		inherited.push(new Rgb[] { null, CssColors.WHITE });
		NodeTraversor.traverse(new NodeVisitor() {

			@Override
			public void head(Node node, int depth) {
				if (!(node instanceof Element element)) {
					return;
				}
				Rgb[] parent = inherited.peek();
				Rgb color = color(element).orElse(parent[0]);
				Rgb background = background(element).map(b -> b.over(parent[1])).orElse(parent[1]);
				inherited.push(new Rgb[] { color, background });
				if (color != null && !element.ownText().isBlank()) {
					judge(color.over(background), background, pairs);
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element) {
					inherited.pop();
				}
			}

		}, content.document().body());
		findings.addAll(pairs.values());
	}

	private static void judge(Rgb foreground, Rgb background, Map<String, Finding> pairs) {
		double ratio = CssColors.contrast(foreground, background);
		if (ratio >= MIN_RATIO) {
			return;
		}
		String shown = String.format(Locale.ROOT, "%.1f", Math.floor(ratio * 10) / 10);
		pairs.putIfAbsent(foreground.hex() + background.hex(),
				Finding.warning("low-contrast",
						"Text in " + foreground.hex() + " on " + background.hex() + " (contrast " + shown + ":1)",
						"Pale text on a pale background (or dark on dark) is hard to read, and filters treat "
								+ "near-invisible text as hidden content. Use a contrast of at least 4.5:1 "
								+ "(WCAG 2.1 §1.4.3), e.g. dark grey on white."));
	}

	private static Optional<Rgb> color(Element e) {
		Optional<Rgb> styled = CssColors.parse(style(e, "color"));
		if (styled.isPresent()) {
			return styled;
		}
		return e.normalName().equals("font") ? CssColors.parse(e.attr("color")) : Optional.empty();
	}

	private static Optional<Rgb> background(Element e) {
		Optional<Rgb> color = CssColors.parse(style(e, "background-color"));
		if (color.isEmpty()) {
			String shorthand = style(e, "background");
			if (shorthand != null) {
				// The shorthand's colour is one of its space-separated values; rgb() may
				// hold spaces.
				for (String token : shorthand.replaceAll("\\(\\s*([^)]*?)\\s*\\)", "($1)")
					.replaceAll("\\s*,\\s*", ",")
					.split("\\s+")) {
					color = CssColors.parse(token);
					if (color.isPresent()) {
						break;
					}
				}
			}
		}
		return color.isPresent() ? color : CssColors.parse(e.attr("bgcolor"));
	}

	/**
	 * The value of {@code property} in the element's {@code style} attribute, or null.
	 */
	private static String style(Element e, String property) {
		String value = null;
		for (String declaration : e.attr("style").split(";")) {
			int colon = declaration.indexOf(':');
			if (colon > 0 && declaration.substring(0, colon).strip().equalsIgnoreCase(property)) {
				value = declaration.substring(colon + 1).strip();
			}
		}
		return value;
	}

}
