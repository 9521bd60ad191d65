package com.penguinmails.reputation;

import java.util.UUID;

/**
 * A workspace's Google Postmaster Tools or Microsoft SNDS connection stopped working for
 * good: Google refused the saved authorization (RFC 6749 §5.2 {@code invalid_grant}:
 * expired or revoked) or SNDS refused the key. The scheduled pull skips it until someone
 * connects again.
 *
 * @param provider {@code google} or {@code snds}
 * @param service the service's name for people ("Google Postmaster Tools")
 * @param reason what happened and what to do, in words (never a secret)
 */
public record PostmasterConnectionExpired(UUID workspaceId, String provider, String service, String reason) {
}
