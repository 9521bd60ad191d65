package com.penguinmails.domains;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;

/** SPF check_host through includes, against the loopback DNS server. */
@IntegrationTest
class SpfEvaluationTests {

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	@Test
	void aSendingHostIsAuthorisedOnlyWhenAnIncludeCoversItsAddress() {
		Account account = fixtures.verifiedAccount("spf-eval");
		String name = "spfeval-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		TestDnsServer dns = TestDnsServer.shared();
		dns.add(name + ". 300 IN TXT \"v=spf1 include:_spf." + name + " -all\"");
		dns.add("_spf." + name + ". 300 IN TXT \"v=spf1 ip4:192.0.2.0/24 ~all\"");
		dns.add("smtp." + name + ". 300 IN A 192.0.2.25");
		dns.add("rogue." + name + ". 300 IN A 203.0.113.9");
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", ""));

		SpfEvaluation allowed = domains.checkSender(account.owner(), domain.id(), "smtp." + name);
		assertThat(allowed.results()).extracting(SpfEvaluation.Result::ip).containsExactly("192.0.2.25");
		assertThat(allowed.authorised()).isTrue();

		SpfEvaluation rogue = domains.checkSender(account.owner(), domain.id(), "rogue." + name);
		assertThat(rogue.results().get(0).result()).isEqualTo("fail");
		assertThat(rogue.authorised()).isFalse();

		assertThat(domains.checkSender(account.owner(), domain.id(), "198.51.100.1").results().get(0).result())
			.isEqualTo("fail");
	}

	@Test
	void alignmentFollowsThePublishedDmarcModes() {
		Account account = fixtures.verifiedAccount("align");
		String name = "align-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		TestDnsServer.shared().add("_dmarc." + name + ". 300 IN TXT \"v=DMARC1; p=reject; adkim=s; aspf=r\"");
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", ""));
		DmarcAlignment own = domains.alignment(account.owner(), domain.id(), null, "bounce." + name);
		assertThat(own.dkimAligned()).isTrue();
		assertThat(own.spfAligned()).isTrue();
		DmarcAlignment google = domains.alignment(account.owner(), domain.id(), name + ".gappssmtp.com", "gmail.com");
		assertThat(google.dkimMode()).isEqualTo("s");
		assertThat(google.aligned()).isFalse();
	}

}
