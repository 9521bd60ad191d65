package com.penguinmails.backups.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import com.penguinmails.backups.BackupProperties;
import com.penguinmails.shared.PenguinMailsProperties;

/**
 * The few beans the restore command needs, from the same configuration as the
 * application: the DataSource (the embedded server in the data directory, or the external
 * URL), the master key's {@code Secrets} and the backup target. Deliberately not a
 * component (the application never scans it in): the command starts it alone, with no web
 * server, scheduler or Flyway auto-configuration.
 */
@EnableConfigurationProperties({ PenguinMailsProperties.class, BackupProperties.class })
@ComponentScan(basePackages = "com.penguinmails.shared.internal", useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = ".*\\.(EmbeddedDatabaseConfiguration|SecretsConfiguration)"))
@Import(BackupsConfiguration.class)
public class RestoreContext {

}
