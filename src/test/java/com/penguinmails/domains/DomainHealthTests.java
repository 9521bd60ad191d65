package com.penguinmails.domains;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The blocklist part of a domain's setup health counts only answers a list gave. */
class DomainHealthTests {

	static final Domain DOMAIN = new Domain(UUID.randomUUID(), "example.test", "example.test", false, "", "",
			DomainStatus.VERIFIED, "pm1", Instant.now(), Instant.now(), Instant.now());

	static BlocklistResult answer(String status) {
		return new BlocklistResult("192.0.2.1", "zen.spamhaus.org", "Spamhaus ZEN", status, null, null, null);
	}

	@Test
	void answersThatAreAllUnknownGiveNoBlocklistPart() {
		assertThat(DomainHealth.of(DOMAIN, List.of(), List.of(answer("unknown"), answer("unknown")), Instant.now())
			.breakdown()).doesNotContainKey("blocklists");
		assertThat(DomainHealth.of(DOMAIN, List.of(), List.of(answer("unknown"), answer("clean")), Instant.now())
			.breakdown()).containsEntry("blocklists", 20);
		assertThat(DomainHealth.of(DOMAIN, List.of(), List.of(answer("clean"), answer("listed")), Instant.now())
			.breakdown()).containsEntry("blocklists", 0);
	}

}
