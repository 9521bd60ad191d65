package com.penguinmails.templates.internal.lint;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CSS colours as inline styles write them: {@code #rgb}, {@code #rgba}, {@code #rrggbb},
 * {@code #rrggbbaa}, {@code rgb()}/{@code rgba()} (numbers or percentages, commas or
 * spaces), and named colours (CSS Color Module Level 4 §6.1: the 16 basic ones and the
 * greys, whites and common others used in email). Anything else (transparent, inherit,
 * hsl(), var()) is "not a colour" and leaves the inherited one in force.
 */
public final class CssColors {

	/** A colour in sRGB, each channel 0 to 255, alpha 0 to 1. */
	public record Rgb(int red, int green, int blue, double alpha) {

		/** This colour over an opaque {@code background} (alpha compositing). */
		public Rgb over(Rgb background) {
			if (alpha >= 1) {
				return this;
			}
			return new Rgb(mix(red, background.red), mix(green, background.green), mix(blue, background.blue), 1);
		}

		private int mix(int top, int bottom) {
			return (int) Math.round(top * alpha + bottom * (1 - alpha));
		}

		/**
		 * WCAG 2.1 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of the linear
		 * channels.
		 */
		public double luminance() {
			return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
		}

		private static double linear(int channel) {
			double c = channel / 255.0;
			return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		}

		/** {@code #rrggbb}. */
		public String hex() {
			return String.format("#%02x%02x%02x", red, green, blue);
		}

	}

	/** Opaque white, the background where none is given. */
	public static final Rgb WHITE = new Rgb(255, 255, 255, 1);

	private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("black", "000000"),
			Map.entry("silver", "c0c0c0"), Map.entry("gray", "808080"), Map.entry("grey", "808080"),
			Map.entry("white", "ffffff"), Map.entry("maroon", "800000"), Map.entry("red", "ff0000"),
			Map.entry("purple", "800080"), Map.entry("fuchsia", "ff00ff"), Map.entry("magenta", "ff00ff"),
			Map.entry("green", "008000"), Map.entry("lime", "00ff00"), Map.entry("olive", "808000"),
			Map.entry("yellow", "ffff00"), Map.entry("navy", "000080"), Map.entry("blue", "0000ff"),
			Map.entry("teal", "008080"), Map.entry("aqua", "00ffff"), Map.entry("cyan", "00ffff"),
			Map.entry("orange", "ffa500"), Map.entry("darkgray", "a9a9a9"), Map.entry("darkgrey", "a9a9a9"),
			Map.entry("dimgray", "696969"), Map.entry("dimgrey", "696969"), Map.entry("lightgray", "d3d3d3"),
			Map.entry("lightgrey", "d3d3d3"), Map.entry("gainsboro", "dcdcdc"), Map.entry("whitesmoke", "f5f5f5"),
			Map.entry("slategray", "708090"), Map.entry("slategrey", "708090"), Map.entry("lightslategray", "778899"),
			Map.entry("lightslategrey", "778899"), Map.entry("darkslategray", "2f4f4f"),
			Map.entry("darkslategrey", "2f4f4f"), Map.entry("snow", "fffafa"), Map.entry("ivory", "fffff0"),
			Map.entry("ghostwhite", "f8f8ff"), Map.entry("floralwhite", "fffaf0"), Map.entry("antiquewhite", "faebd7"),
			Map.entry("linen", "faf0e6"), Map.entry("beige", "f5f5dc"), Map.entry("azure", "f0ffff"),
			Map.entry("aliceblue", "f0f8ff"), Map.entry("lightyellow", "ffffe0"), Map.entry("pink", "ffc0cb"),
			Map.entry("gold", "ffd700"), Map.entry("darkblue", "00008b"), Map.entry("darkred", "8b0000"),
			Map.entry("darkgreen", "006400"), Map.entry("lightblue", "add8e6"), Map.entry("lightgreen", "90ee90"),
			Map.entry("brown", "a52a2a"));

	private CssColors() {
	}

	/** The colour {@code value} names; empty when it is not one this class reads. */
	public static Optional<Rgb> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String v = value.strip().toLowerCase(Locale.ROOT).replace("!important", "").strip();
		try {
			if (v.startsWith("#")) {
				return hex(v.substring(1));
			}
			if (v.startsWith("rgb(") || v.startsWith("rgba(")) {
				return function(v.substring(v.indexOf('(') + 1, v.endsWith(")") ? v.length() - 1 : v.length()));
			}
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		String named = NAMED.get(v);
		return named == null ? Optional.empty() : hex(named);
	}

	private static Optional<Rgb> hex(String digits) {
		String d = digits;
		if (d.length() == 3 || d.length() == 4) {
			StringBuilder full = new StringBuilder();
			for (char c : d.toCharArray()) {
				full.append(c).append(c);
			}
			d = full.toString();
		}
		if ((d.length() != 6 && d.length() != 8) || !d.matches("[0-9a-f]+")) {
			return Optional.empty();
		}
		double alpha = d.length() == 8 ? Integer.parseInt(d.substring(6, 8), 16) / 255.0 : 1;
		return Optional.of(new Rgb(Integer.parseInt(d.substring(0, 2), 16), Integer.parseInt(d.substring(2, 4), 16),
				Integer.parseInt(d.substring(4, 6), 16), alpha));
	}

	private static Optional<Rgb> function(String arguments) {
		String[] parts = arguments.replace("/", " ").replace(",", " ").strip().split("\\s+");
		if (parts.length < 3) {
			return Optional.empty();
		}
		double alpha = parts.length > 3 ? number(parts[3], 1) : 1;
		return Optional
			.of(new Rgb(channel(parts[0]), channel(parts[1]), channel(parts[2]), Math.max(0, Math.min(1, alpha))));
	}

	private static int channel(String part) {
		return (int) Math.round(Math.max(0, Math.min(255, number(part, 255))));
	}

	/** A number, or a percentage of {@code whole}. */
	private static double number(String part, double whole) {
		if (part.endsWith("%")) {
			return Double.parseDouble(part.substring(0, part.length() - 1)) * whole / 100;
		}
		return Double.parseDouble(part);
	}

	/**
	 * WCAG 2.1 §1.4.3 contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to
	 * 21.
	 */
	public static double contrast(Rgb a, Rgb b) {
		double la = a.luminance();
		double lb = b.luminance();
		return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
	}

}
