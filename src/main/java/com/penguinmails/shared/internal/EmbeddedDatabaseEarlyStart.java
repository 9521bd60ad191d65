package com.penguinmails.shared.internal;

import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL server (when no {@code penguinmails.db.url} is given) on
 * a thread of its own as soon as the configuration is read, so that the server's start
 * (and its crash recovery after an unclean stop) runs while the application context is
 * built instead of before it; the DataSource then waits for it. Readiness is unchanged:
 * the application is healthy only once the database answers and the migrations ran.
 * {@code penguinmails.db.early-start: false} turns it off (the tests do: each context
 * chooses its own data directory). Registered in {@code META-INF/spring.factories}.
 */
public class EmbeddedDatabaseEarlyStart implements ApplicationListener<SpringApplicationEvent>, Ordered {

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationFailedEvent) {
			EmbeddedDatabaseConfiguration.EmbeddedServer.abandonEarly();
		}
	}

	private static void start(ConfigurableEnvironment environment) {
		if (StringUtils.hasText(environment.getProperty("penguinmails.db.url"))
				|| !environment.getProperty("penguinmails.db.early-start", Boolean.class, true)) {
			return;
		}
		// The same defaults as PenguinMailsProperties binds (application.yml).
		Path dataDir = Path.of(environment.getProperty("penguinmails.data-dir", "./data"), "postgres");
		boolean durable = environment.getProperty("penguinmails.db.embedded-durable", Boolean.class, true);
		EmbeddedDatabaseConfiguration.EmbeddedServer.startEarly(dataDir, durable);
	}

	/** After Spring Boot's logging listener has set logging up from the configuration. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
