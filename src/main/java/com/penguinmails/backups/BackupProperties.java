package com.penguinmails.backups;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Backups, bound from {@code penguinmails.backups.*} (README "Backups and disaster
 * recovery").
 *
 * @param enabled whether scheduled backups run (manual and pre-migration ones always can)
 * @param schedule when scheduled backups run: a Spring cron expression (six fields, UTC),
 * default {@code 0 0 3 * * *} (daily at 03:00 UTC)
 * @param directory where backup files go when no bucket is set; empty:
 * {@code <data dir>/backups}
 * @param freshSlack how much older than one schedule period the last verified backup may
 * be before the {@code backups.fresh} check fails
 * @param verify whether each backup is restored into a scratch database and its rows
 * counted
 * @param keep retention
 * @param s3 an S3-compatible bucket; used instead of the directory when its bucket is set
 * @param format {@code auto} (a {@code pg_dump} archive when a {@code pg_dump} of the
 * server's major version or newer is found, else the built-in logical copy),
 * {@code pg-dump} (fail when none is found) or {@code logical}
 * @param pgBinDir where {@code pg_dump} and {@code pg_restore} are, e.g.
 * {@code /usr/lib/postgresql/17/bin}; empty: the {@code PATH} and the packages' usual
 * places
 */
@ConfigurationProperties("penguinmails.backups")
public record BackupProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0 0 3 * * *") String schedule,
		String directory, @DefaultValue("6h") Duration freshSlack, @DefaultValue("true") boolean verify,
		@DefaultValue Keep keep, @DefaultValue S3 s3, @DefaultValue("auto") Format format, String pgBinDir) {

	/** What writes a backup. */
	public enum Format {

		/** {@code pg_dump} when a usable one is found, else {@link #LOGICAL}. */
		AUTO,
		/** {@code pg_dump --format=custom}; a backup fails when none is found. */
		PG_DUMP,
		/** The built-in snapshot of binary {@code COPY} streams, needing no tool. */
		LOGICAL

	}

	/**
	 * How many backups retention keeps: the newest of each of the last {@code daily}
	 * days, {@code weekly} ISO weeks and {@code monthly} months that have one (restic's
	 * {@code --keep-daily/--keep-weekly/--keep-monthly}, in UTC).
	 */
	public record Keep(@DefaultValue("7") int daily, @DefaultValue("4") int weekly, @DefaultValue("12") int monthly) {
	}

	/**
	 * An S3-compatible bucket (AWS S3, MinIO, Backblaze B2, Wasabi, ...).
	 *
	 * @param endpoint the service's URL; empty: AWS's for the region
	 * @param bucket the bucket; empty: no bucket (the directory is used)
	 * @param region the region, e.g. {@code eu-west-1} ({@code us-east-1} for most
	 * S3-compatible servers)
	 * @param prefix the key prefix of backup objects, e.g. {@code penguinmails/}
	 * @param pathStyle {@code https://host/bucket/key} instead of
	 * {@code https://bucket.host/key} (MinIO and most self-hosted servers need it)
	 */
	public record S3(String endpoint, String bucket, @DefaultValue("us-east-1") String region,
			@DefaultValue("penguinmails/") String prefix, String accessKey, String secretKey,
			@DefaultValue("false") boolean pathStyle) {

		/** Whether a bucket is configured. */
		public boolean configured() {
			return StringUtils.hasText(bucket);
		}

	}

}
