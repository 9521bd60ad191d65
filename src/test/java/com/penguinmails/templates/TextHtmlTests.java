package com.penguinmails.templates;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextHtmlTests {

	@Test
	void paragraphsAtBlankLinesBreaksAtLineBreaksAndHtmlEscapedOutsideLiquidOnly() {
		String text = "Hi {{ first_name | default: \"there\" }},\r\nQ&A <today>\r\n\r\n  {% if score > 5 %}VIP{% endif %}\n";
		assertThat(TextHtml.of(text))
			.isEqualTo("<p>Hi {{ first_name | default: \"there\" }},<br>\nQ&amp;A &lt;today&gt;</p>\n"
					+ "<p>{% if score > 5 %}VIP{% endif %}</p>\n");
	}

	@Test
	void blankOrMissingTextIsNoHtml() {
		assertThat(TextHtml.of(null)).isEmpty();
		assertThat(TextHtml.of(" \n\n ")).isEmpty();
	}

}
