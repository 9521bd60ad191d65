package com.penguinmails.sandbox.internal;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides {@code penguinmails.sandbox.enabled} when nobody set it
 * ({@code PENGUINMAILS_SANDBOX} unset): on with the embedded database (a newcomer trying
 * PenguinMails on one machine), off with an external one ({@code PENGUINMAILS_DB_URL}
 * set: a real installation, whose account mail must not be caught where others could read
 * it). An explicit {@code true} or {@code false} always wins.
 */
public class SandboxDefault implements EnvironmentPostProcessor {

	static final String ENABLED = "penguinmails.sandbox.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String value = environment.getProperty(ENABLED);
		if (StringUtils.hasText(value)) {
			return;
		}
		boolean external = StringUtils.hasText(environment.getProperty("penguinmails.db.url"));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("penguinmailsSandboxDefault", Map.of(ENABLED, String.valueOf(!external))));
	}

}
