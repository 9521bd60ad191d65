package com.penguinmails.backups.internal;

import java.nio.file.Path;

import com.penguinmails.backups.BackupProperties;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The backup engine of this installation: its cipher (from the master key) and its target
 * (the bucket when one is set, else the directory). Also what the restore command starts
 * ({@link RestoreContext}).
 */
@Configuration(proxyBeanMethods = false)
public class BackupsConfiguration {

	@Bean
	BackupEngine backupEngine(Secrets secrets, BackupProperties backups, PenguinMailsProperties properties) {
		return new BackupEngine(BackupCrypto.of(secrets), target(backups, properties), backups.format(),
				StringUtils.hasText(backups.pgBinDir()) ? Path.of(backups.pgBinDir()) : null);
	}

	/** The configured target. */
	public static BackupTarget target(BackupProperties backups, PenguinMailsProperties properties) {
		Path directory = StringUtils.hasText(backups.directory()) ? Path.of(backups.directory())
				: Path.of(properties.dataDir(), "backups");
		if (backups.s3() != null && backups.s3().configured()) {
			return new S3Target(backups.s3(), directory.resolve("staging"));
		}
		return new DirectoryTarget(directory);
	}

}
