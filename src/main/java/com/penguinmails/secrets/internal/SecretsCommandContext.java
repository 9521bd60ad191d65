package com.penguinmails.secrets.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * The few beans the {@code secrets} commands need, from the same configuration as the
 * application: the DataSource (the embedded server in the data directory, or the external
 * URL) and {@code Secrets} with every configured key. Not a component: the command starts
 * it alone, with no web server, scheduler or Flyway.
 */
@EnableConfigurationProperties(PenguinMailsProperties.class)
@ComponentScan(basePackages = "com.penguinmails.shared.internal", useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = ".*\\.(EmbeddedDatabaseConfiguration|SecretsConfiguration)"))
public class SecretsCommandContext {

}
