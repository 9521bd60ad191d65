package com.penguinmails.reputation.internal.timeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.BlocklistResult;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check counts for the targets some list answered about: answers that are all unknown
 * (a resolver that says nothing useful) neither start the blocklist figures nor read as
 * "no listing".
 */
@IntegrationTest
class ListingRepositoryTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ListingRepository listings;

	@Test
	void onlyTargetsSomeListAnsweredAboutAreChecked() {
		UUID workspace = fixtures.verifiedAccount("rep-unknown-checks").workspaceId();
		UUID domainId = UUID.randomUUID();
		String domain = "unknown-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		// PostgreSQL rounds (not truncates) to microseconds, so start from a whole
		// microsecond.
		Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
		listings.record(workspace, domainId, domain, List.of(
				new BlocklistResult(domain, "dbl.spamhaus.org", "Spamhaus DBL", "unknown", null, "x", null),
				new BlocklistResult("192.0.2.1", "zen.spamhaus.org", "Spamhaus ZEN", "unknown", null, "x", null)), at);
		assertThat(listings.firstCheck(workspace, List.of(domain, "192.0.2.1"))).isEmpty();

		listings.record(workspace, domainId, domain, List.of(
				new BlocklistResult(domain, "dbl.spamhaus.org", "Spamhaus DBL", "unknown", null, "x", null),
				new BlocklistResult("192.0.2.1", "zen.spamhaus.org", "Spamhaus ZEN", "clean", null, null, null)),
				at.plusSeconds(60));
		assertThat(listings.firstCheck(workspace, List.of("192.0.2.1"))).contains(at.plusSeconds(60));
		assertThat(listings.firstCheck(workspace, List.of(domain))).isEmpty();
	}

}
