package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.backups.Backup;
import com.penguinmails.backups.Backups;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SignedIds;

/**
 * Download links of backup files: {@code <base URL>/system/backups/download/<token>}, the
 * token a {@link SignedIds} naming the backup under the key derived for
 * {@code backup-download}, valid for {@link #VALIDITY}. The link is the credential (no
 * login, so {@code curl} on another machine can fetch it), so only installation admins
 * are given one; the file it serves is the backup as stored, encrypted with the master
 * key.
 */
@Component
public class BackupDownloads {

	/** The path of download links; the token follows. */
	public static final String PATH = "/system/backups/download/";

	/** How long a link works. */
	public static final Duration VALIDITY = Duration.ofHours(1);

	/**
	 * A download link.
	 *
	 * @param url the absolute URL
	 * @param expiresAt when it stops working
	 */
	public record Link(String url, Instant expiresAt) {
	}

	/**
	 * A file to serve.
	 *
	 * @param name its file name ({@code penguinmails-<UTC time>-<id>.pmbackup})
	 * @param size its size in bytes, when known
	 */
	public record File(String name, Long size, Opener content) {
	}

	/** Opens the stored file. */
	@FunctionalInterface
	public interface Opener {

		InputStream open() throws IOException;

	}

	private final Backups backups;

	private final BackupEngine engine;

	private final SignedIds tokens;

	private final PenguinMailsProperties properties;

	private final Clock clock;

	BackupDownloads(Backups backups, BackupEngine engine, Secrets secrets, PenguinMailsProperties properties,
			Clock clock) {
		this.backups = backups;
		this.engine = engine;
		this.tokens = new SignedIds(secrets, "backup-download");
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A link to the file of backup {@code id}, valid for an hour; callers check that the
	 * caller is an installation admin first.
	 * @throws NotFoundProblem when there is no such backup, or it has no file (running or
	 * failed)
	 */
	public Link link(UUID id) {
		Backup backup = backups.find(id)
			.filter(found -> "succeeded".equals(found.status()) && found.location() != null)
			.orElseThrow(() -> new NotFoundProblem("Backup with a file"));
		Instant expiresAt = clock.instant().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS);
		String url = UriComponentsBuilder.fromUri(properties.baseUrl())
			.path(PATH + tokens.mint(backup.id(), expiresAt))
			.toUriString();
		return new Link(url, expiresAt);
	}

	/**
	 * The file a link's token names, when the token is valid now and the backup's file is
	 * still stored by this installation's target; empty otherwise.
	 */
	public Optional<File> file(String token) {
		return tokens.verify(token, clock.instant())
			.flatMap(backups::find)
			.filter(backup -> backup.location() != null && engine.target().owns(backup.location()))
			.map(backup -> new File(BackupNames.of(backup.id(), backup.startedAt()), backup.sizeBytes(),
					() -> engine.target().open(backup.location())));
	}

}
