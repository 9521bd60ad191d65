package com.penguinmails.shared.internal;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readable console lines for a person at a terminal, ECS JSON for everything else, and
 * {@code PENGUINMAILS_LOG_FORMAT} always wins.
 */
class ConsoleLogFormatTests {

	private static MockEnvironment configured() {
		// As application.yml says when PENGUINMAILS_LOG_FORMAT is unset.
		return new MockEnvironment().withProperty(ConsoleLogFormat.STRUCTURED_FORMAT, "ecs");
	}

	@Test
	void aTerminalGetsReadableLines() {
		MockEnvironment environment = configured();
		new ConsoleLogFormat(() -> true).postProcessEnvironment(environment, null);
		assertThat(environment.getProperty(ConsoleLogFormat.STRUCTURED_FORMAT)).isEmpty();
		assertThat(environment.getProperty("logging.pattern.console")).isEqualTo(ConsoleLogFormat.READABLE_PATTERN);
		assertThat(environment.getProperty("logging.level.org.flywaydb")).isEqualTo("WARN");
	}

	@Test
	void aPipeOrAFileGetsEcsJson() {
		MockEnvironment environment = configured();
		new ConsoleLogFormat(() -> false).postProcessEnvironment(environment, null);
		assertThat(environment.getProperty(ConsoleLogFormat.STRUCTURED_FORMAT)).isEqualTo("ecs");
		assertThat(environment.getProperty("logging.pattern.console")).isNull();
		assertThat(environment.getProperty("logging.level.org.flywaydb")).isNull();
	}

	@Test
	void aFormatAskedForWinsOverTheTerminal() {
		MockEnvironment json = configured().withProperty(ConsoleLogFormat.FORMAT_VARIABLE, "logstash")
			.withProperty(ConsoleLogFormat.STRUCTURED_FORMAT, "logstash");
		new ConsoleLogFormat(() -> true).postProcessEnvironment(json, null);
		assertThat(json.getProperty(ConsoleLogFormat.STRUCTURED_FORMAT)).isEqualTo("logstash");

		MockEnvironment text = configured().withProperty(ConsoleLogFormat.FORMAT_VARIABLE, " Text ");
		new ConsoleLogFormat(() -> false).postProcessEnvironment(text, null);
		assertThat(text.getProperty(ConsoleLogFormat.STRUCTURED_FORMAT)).isEmpty();
	}

}
