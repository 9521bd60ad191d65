package com.penguinmails.analytics.internal.reports;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SignedIds;

/**
 * The tokens of report download links: {@link SignedIds} naming one run's file, under the
 * key derived for {@code report-download}.
 */
@Component
public class DownloadTokens {

	private final SignedIds ids;

	DownloadTokens(Secrets secrets) {
		this.ids = new SignedIds(secrets, "report-download");
	}

	/** The token of run {@code runId}'s file, valid until {@code expiresAt}. */
	public String mint(UUID runId, Instant expiresAt) {
		return ids.mint(runId, expiresAt);
	}

	/**
	 * The run a token names, when its tag is ours and it has not expired at {@code now}.
	 */
	public Optional<UUID> verify(String token, Instant now) {
		return ids.verify(token, now);
	}

}
