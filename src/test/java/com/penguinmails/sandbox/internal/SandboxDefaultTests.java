package com.penguinmails.sandbox.internal;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox is on by default only with the embedded database: {@code java -jar} against
 * an external PostgreSQL starts with it off unless it is asked for.
 */
class SandboxDefaultTests {

	private static String enabled(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("given", new HashMap<>(properties)));
		new SandboxDefault().postProcessEnvironment(environment, null);
		return environment.getProperty(SandboxDefault.ENABLED);
	}

	@Test
	void onWithTheEmbeddedDatabase() {
		assertThat(enabled(Map.of(SandboxDefault.ENABLED, "", "penguinmails.db.url", ""))).isEqualTo("true");
	}

	@Test
	void offWithAnExternalDatabaseUnlessAskedFor() {
		assertThat(enabled(Map.of(SandboxDefault.ENABLED, "", "penguinmails.db.url", "jdbc:postgresql://db/pm")))
			.isEqualTo("false");
		assertThat(enabled(Map.of(SandboxDefault.ENABLED, "true", "penguinmails.db.url", "jdbc:postgresql://db/pm")))
			.isEqualTo("true");
		assertThat(enabled(Map.of(SandboxDefault.ENABLED, "false"))).isEqualTo("false");
	}

}
