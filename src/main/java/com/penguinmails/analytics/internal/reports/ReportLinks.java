package com.penguinmails.analytics.internal.reports;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The file behind a download link: the run its signed token names, while the token and
 * the kept file are both unexpired; empty otherwise (forged, altered or expired tokens
 * alike).
 */
@Service
public class ReportLinks {

	/**
	 * A report file.
	 *
	 * @param fileName its name, e.g. {@code heatmap-2026-11-01-2026-11-07.csv}
	 * @param mediaType its Content-Type
	 * @param content its bytes
	 */
	public record File(String fileName, String mediaType, byte[] content) {
	}

	private final DownloadTokens tokens;

	private final ReportScheduleRepository repository;

	private final Clock clock;

	ReportLinks(DownloadTokens tokens, ReportScheduleRepository repository, Clock clock) {
		this.tokens = tokens;
		this.repository = repository;
		this.clock = clock;
	}

	/** The file {@code token} names, if it is valid now. */
	public Optional<File> file(String token) {
		var now = clock.instant();
		return tokens.verify(token, now)
			.flatMap(runId -> repository.keptFile(runId, now))
			.map(kept -> new File(kept.fileName(), kept.mediaType(), kept.content()));
	}

}
