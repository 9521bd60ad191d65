package com.penguinmails.domains;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A domain and its sending IPs were looked up in every blocklist (on demand or by the
 * scheduled re-check): every answer, listed, clean or unknown, so a listener can keep the
 * history of listings.
 *
 * @param domain the domain's name (lower case)
 * @param results every answer of this check
 * @param checkedAt when the answers came
 */
public record BlocklistsChecked(UUID workspaceId, UUID domainId, String domain, List<BlocklistResult> results,
		Instant checkedAt) {
}
