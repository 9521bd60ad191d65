package com.penguinmails.shared.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's own stylesheet is appended to by every feature: a block left open (a merge
 * that dropped a closing brace) silently puts every later rule inside a media query, so
 * the campaign figures lost their layout on desktops. Each top-level comment starts a
 * block at depth 0 and the braces balance.
 */
class StylesheetTests {

	@Test
	void everyBlockOfAppCssIsClosedBeforeTheNextBegins() throws IOException {
		String css = Files.readString(Path.of("src/main/resources/static/css/app.css"));
		int depth = 0;
		int line = 1;
		boolean comment = false;
		for (int i = 0; i < css.length(); i++) {
			char c = css.charAt(i);
			if (c == '\n') {
				line++;
			}
			if (!comment && css.startsWith("/*", i)) {
				comment = true;
				boolean lineStart = i == 0 || css.charAt(i - 1) == '\n';
				assertThat(lineStart && depth != 0).as("a comment at line %d opens a block inside another", line)
					.isFalse();
			}
			else if (comment && css.startsWith("*/", i)) {
				comment = false;
			}
			else if (!comment && c == '{') {
				depth++;
			}
			else if (!comment && c == '}') {
				depth--;
				assertThat(depth).as("a brace closes nothing at line %d", line).isNotNegative();
			}
		}
		assertThat(depth).as("blocks left open at the end").isZero();
	}

}
