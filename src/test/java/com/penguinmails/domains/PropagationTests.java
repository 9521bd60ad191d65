package com.penguinmails.domains;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/** Two loopback DNS servers play two public resolvers that have seen different things. */
@IntegrationTest
class PropagationTests {

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	@Test
	void theMatrixShowsEachResolverWithItsTtlAndTheRefreshingPage() throws Exception {
		Account account = fixtures.verifiedAccount("propagation");
		Domain domain = domains.add(account.owner(),
				new NewDomain("prop-" + UUID.randomUUID().toString().substring(0, 8) + ".test", false, "", ""));
		RecordCheck dmarc = domains.records(account.owner(), domain.id())
			.stream()
			.filter(r -> r.purpose().equals("dmarc"))
			.findFirst()
			.orElseThrow();
		TestDnsServer.shared().add(dmarc.host() + ". 1800 IN TXT \"" + dmarc.expected() + "\"");
		TestDnsServer.secondary().add(dmarc.host() + ". 120 IN TXT \"v=DMARC1; p=reject\"");

		Propagation propagation = domains.propagation(account.owner(), domain.id());
		assertThat(propagation.resolvers()).containsExactly("Primary", "Secondary");
		Propagation.Row row = propagation.rows()
			.stream()
			.filter(r -> r.purpose().equals("dmarc"))
			.findFirst()
			.orElseThrow();
		assertThat(row.cells().get(0).status()).isEqualTo("ok");
		assertThat(row.cells().get(0).ttl()).isEqualTo(1800);
		assertThat(row.cells().get(1).status()).isEqualTo("different");
		assertThat(row.cells().get(1).ttl()).isEqualTo(120);
		Propagation.Row spf = propagation.rows()
			.stream()
			.filter(r -> r.purpose().equals("spf"))
			.findFirst()
			.orElseThrow();
		assertThat(spf.cells()).extracting(Propagation.Cell::status).containsOnly("missing");
		assertThat(propagation.complete()).isFalse();

		WebSession session = fixtures.signedIn(account);
		String matrix = session.get("/domains/" + domain.id() + "/propagation").getResponse().getContentAsString();
		assertThat(matrix).contains("hx-trigger=\"every 10s\"").contains("TTL 1800 s").contains("Secondary");
	}

}
