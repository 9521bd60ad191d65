package com.penguinmails.shared.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses how the console log reads, before logging starts.
 * {@code PENGUINMAILS_LOG_FORMAT} decides when it is set: {@code ecs}, {@code logstash}
 * or {@code gelf} (structured JSON, one event per line) or {@code text} (readable lines).
 * Unset, a person at a terminal ({@code ./mvnw spring-boot:run} or {@code java -jar}
 * typed in a shell: both standard input and output are a terminal) gets readable lines,
 * and everything else (a container, systemd, a pipe, a file) gets ECS JSON for its log
 * collector.
 */
public class ConsoleLogFormat implements EnvironmentPostProcessor, Ordered {

	static final String FORMAT_VARIABLE = "PENGUINMAILS_LOG_FORMAT";

	static final String STRUCTURED_FORMAT = "logging.structured.format.console";

	/**
	 * Readable lines for a person: the time, the level, the class that speaks and what it
	 * says (Spring Boot's colours when the terminal has them).
	 */
	static final String READABLE_PATTERN = "%clr(%d{HH:mm:ss.SSS}){faint} %clr(%5p) %clr(%-28logger{0}){cyan} "
			+ "%clr(:){faint} %m%n%wEx";

	/**
	 * Start-up and shutdown lines an operator's log collector keeps but a person at a
	 * terminal need not read (each migration, the web server's and the embedded
	 * database's steps, the connection pool): their warnings and errors still show.
	 */
	static final Map<String, Object> READABLE = Map.of(STRUCTURED_FORMAT, "", "logging.pattern.console",
			READABLE_PATTERN, "logging.level.org.flywaydb", "WARN", "logging.level.org.apache.catalina", "WARN",
			"logging.level.org.springframework.boot.web", "WARN", "logging.level.org.springframework.web.servlet",
			"WARN", "logging.level.org.springframework.boot.actuate.endpoint", "WARN",
			"logging.level.org.springframework.modulith.events", "WARN", "logging.level.io.zonky.test.db.postgres",
			"WARN", "logging.level.com.zaxxer.hikari", "WARN");

	private final BooleanSupplier terminal;

	public ConsoleLogFormat() {
		// Java 17: a Console only when standard input and output are both a terminal.
		this(() -> System.console() != null);
	}

	ConsoleLogFormat(BooleanSupplier terminal) {
		this.terminal = terminal;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String asked = environment.getProperty(FORMAT_VARIABLE);
		boolean readable = StringUtils.hasText(asked) ? asked.strip().toLowerCase(Locale.ROOT).equals("text")
				: terminal.getAsBoolean();
		if (readable) {
			// No structured format: Spring Boot's pattern encoder, with ours.
			environment.getPropertySources().addFirst(new MapPropertySource("penguinmailsConsoleLog", READABLE));
		}
	}

	/**
	 * Before Spring Boot's logging listener reads the environment; after the config
	 * files.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
