package com.penguinmails.templates.internal.lint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jsoup.nodes.Element;

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
		for (Element element : content.document().body().getAllElements()) {
			if (element.ownText().isBlank()) {
				continue;
			}
			Optional<Rgb> color = inherited(element, false);
			if (color.isEmpty()) {
				continue;
			}
			Rgb background = inherited(element, true).map(b -> b.over(CssColors.WHITE)).orElse(CssColors.WHITE);
			Rgb foreground = color.get().over(background);
			double ratio = CssColors.contrast(foreground, background);
			if (ratio < MIN_RATIO) {
				String key = foreground.hex() + background.hex();
				String shown = String.format(Locale.ROOT, "%.1f", Math.floor(ratio * 10) / 10);
				pairs.putIfAbsent(key, Finding.warning("low-contrast",
						"Text in " + foreground.hex() + " on " + background.hex() + " (contrast " + shown + ":1)",
						"Pale text on a pale background (or dark on dark) is hard to read, and filters treat "
								+ "near-invisible text as hidden content. Use a contrast of at least 4.5:1 "
								+ "(WCAG 2.1 §1.4.3), e.g. dark grey on white."));
			}
		}
		findings.addAll(pairs.values());
	}

	/** The nearest inline colour (or background) of {@code element} or an ancestor. */
	private static Optional<Rgb> inherited(Element element, boolean background) {
		for (Element e = element; e != null; e = e.parent()) {
			Optional<Rgb> own = background ? background(e) : color(e);
			if (own.isPresent()) {
				return own;
			}
		}
		return Optional.empty();
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
