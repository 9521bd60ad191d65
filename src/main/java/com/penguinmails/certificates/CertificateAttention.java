package com.penguinmails.certificates;

import java.time.Instant;
import java.util.UUID;

/**
 * A tracking host's certificate needs its workspace's attention: it expires soon (under
 * 14 days left and renewal has not succeeded), or requesting it keeps failing. Published
 * at most once a day per host.
 *
 * @param workspaceId the workspace holding the tracking host's domain
 * @param domainId the sending domain whose tracking host it is
 * @param host the tracking host ({@code track.<domain>})
 * @param reason why it needs attention
 * @param notAfter when the certificate in use expires; null when there is none
 * @param lastError why the last request failed, for people; empty when it did not
 */
public record CertificateAttention(UUID workspaceId, UUID domainId, String host, Reason reason, Instant notAfter,
		String lastError) {

	/** Why a certificate needs attention. */
	public enum Reason {

		/** Expires in under 14 days. */
		EXPIRING,
		/** Requests keep failing (three or more in a row). */
		FAILING

	}

}
