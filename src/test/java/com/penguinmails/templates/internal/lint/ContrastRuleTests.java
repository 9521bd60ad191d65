package com.penguinmails.templates.internal.lint;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.Finding;
import com.penguinmails.templates.internal.lint.CssColors.Rgb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContrastRuleTests {

	private final ContrastRule rule = new ContrastRule();

	@Test
	void readsTheColourSyntaxesOfInlineStyles() {
		assertThat(CssColors.parse("#fff")).contains(new Rgb(255, 255, 255, 1));
		assertThat(CssColors.parse("#336699")).contains(new Rgb(0x33, 0x66, 0x99, 1));
		assertThat(CssColors.parse("rgb(10, 20, 30)")).contains(new Rgb(10, 20, 30, 1));
		assertThat(CssColors.parse("RGBA(100%, 0%, 0%, 0.5)")).contains(new Rgb(255, 0, 0, 0.5));
		assertThat(CssColors.parse("LightGrey")).contains(new Rgb(0xd3, 0xd3, 0xd3, 1));
		assertThat(CssColors.parse("transparent")).isEmpty();
		assertThat(CssColors.parse("#12")).isEmpty();
	}

	@Test
	void computesWcagContrastRatios() {
		// WCAG 2.1 §1.4.3: black on white is 21:1; #777 on white about 4.48:1, just
		// failing AA.
		assertThat(CssColors.contrast(new Rgb(0, 0, 0, 1), CssColors.WHITE)).isCloseTo(21, within(0.01));
		assertThat(CssColors.contrast(CssColors.parse("#777777").orElseThrow(), CssColors.WHITE)).isCloseTo(4.48,
				within(0.01));
		assertThat(CssColors.contrast(CssColors.parse("#767676").orElseThrow(), CssColors.WHITE))
			.isGreaterThanOrEqualTo(4.5);
	}

	@Test
	void paleTextOnTheDefaultWhiteIsLowContrast() {
		assertThat(Messages.run(rule, Messages.html("Hi", "<p style=\"color: #aaaaaa\">Unsubscribe any time.</p>")))
			.extracting(Finding::message)
			.containsExactly("Text in #aaaaaa on #ffffff (contrast 2.3:1)");
	}

	@Test
	void inheritsColourAndBackgroundFromAncestorsAndLegacyAttributes() {
		String html = """
				<table bgcolor="#222222"><tr><td style="color: #444">
				<p>Dark on dark</p></td></tr></table>
				<div style="background: url(x.png) no-repeat rgb(0, 0, 128)"><font color="navy">Navy on navy</font></div>""";
		assertThat(Messages.codes(rule, Messages.html("Hi", html))).containsExactly("low-contrast", "low-contrast");
	}

	@Test
	void readableOrUnstyledTextIsFine() {
		String html = """
				<p>Default colours, chosen by the client.</p>
				<p style="color:#333333">Dark grey on white.</p>
				<div style="background-color:#1a1a1a"><span style="color:white">White on near-black.</span></div>""";
		assertThat(Messages.run(rule, Messages.html("Hi", html))).isEmpty();
	}

}
