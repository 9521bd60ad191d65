package com.penguinmails.secrets.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * {@code Secrets} alone, without a database: what {@code secrets derivation-key} needs.
 * Not a component: the command starts it alone.
 */
@EnableConfigurationProperties(PenguinMailsProperties.class)
@ComponentScan(basePackages = "com.penguinmails.shared.internal", useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.SecretsConfiguration"))
public class SecretsKeysContext {

}
