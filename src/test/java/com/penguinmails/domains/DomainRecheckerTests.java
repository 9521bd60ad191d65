package com.penguinmails.domains;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DomainRecheckerTests {

	@Autowired
	Domains domains;

	@Autowired
	DomainRechecker rechecker;

	@Autowired
	Fixtures fixtures;

	@Test
	void dueDomainsOfEveryWorkspaceAreVerifiedAgainAndScheduledSixHoursOn() throws Exception {
		Account first = fixtures.verifiedAccount("recheck-a");
		Account second = fixtures.verifiedAccount("recheck-b");
		Domain good = domains.add(first.owner(),
				new NewDomain("good-" + UUID.randomUUID().toString().substring(0, 8) + ".test", false, "", ""));
		Domain bare = domains.add(second.owner(),
				new NewDomain("bare-" + UUID.randomUUID().toString().substring(0, 8) + ".test", false, "", ""));
		String zone = domains.zoneSnippet(domains.records(first.owner(), good.id()));
		TestDnsServer.shared().publishZone(zone);

		rechecker.verifyDue(DomainRechecker.BATCH, false);

		assertThat(domains.get(first.owner(), good.id()).status()).isEqualTo(DomainStatus.VERIFIED);
		assertThat(domains.get(second.owner(), bare.id()).lastCheckedAt()).isNotNull();
		Double hours = fixtures.jdbc()
			.sql("SELECT extract(epoch FROM next_check_at - last_checked_at) / 3600 FROM domains WHERE id = ?")
			.param(good.id())
			.query(Double.class)
			.single();
		assertThat(hours).isEqualTo(6.0);
		// Claimed and checked: not due again, so a second pass leaves them alone.
		fixtures.jdbc().sql("UPDATE domains SET last_checked_at = NULL WHERE id = ?").param(bare.id()).update();
		rechecker.verifyDue(DomainRechecker.BATCH, false);
		assertThat(domains.get(second.owner(), bare.id()).lastCheckedAt()).isNull();
	}

}
