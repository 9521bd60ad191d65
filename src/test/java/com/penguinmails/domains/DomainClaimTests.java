package com.penguinmails.domains;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class DomainClaimTests {

	@Autowired
	Domains domains;

	@Autowired
	DomainClaims claims;

	@Autowired
	Alerts alerts;

	@Autowired
	Fixtures fixtures;

	@Test
	void whoeverPublishesTheTokenTakesTheDomainWithANewKeyAndTheHolderIsTold() {
		Account squatter = fixtures.verifiedAccount("squatter");
		Account owner = fixtures.verifiedAccount("rightful");
		String name = "claimed-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain held = domains.add(squatter.owner(), new NewDomain(name, false, "", ""));

		assertThatThrownBy(() -> domains.add(owner.owner(), new NewDomain(name, false, "", "")))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("claim it");
		DomainClaim claim = claims.start(owner.owner(), name);
		assertThat(claim.host()).isEqualTo("_penguinmails." + name);

		// Not published yet: a clear "not yet", and nothing moves.
		assertThatThrownBy(() -> claims.verify(owner.owner(), claim.id()))
			.hasMessageContaining("does not show the claim token yet");
		assertThat(domains.list(squatter.owner())).extracting(Domain::name).contains(name);

		TestDnsServer.shared().add(claim.host() + ". 300 IN TXT \"" + claim.value() + "\"");
		Domain taken = claims.verify(owner.owner(), claim.id());
		assertThat(taken.name()).isEqualTo(name);
		assertThat(taken.id()).isNotEqualTo(held.id());
		assertThat(domains.list(squatter.owner())).extracting(Domain::name).doesNotContain(name);
		assertThatThrownBy(() -> domains.get(squatter.owner(), held.id())).isInstanceOf(NotFoundProblem.class);
		await().untilAsserted(() -> assertThat(alerts.recent(squatter.owner(), 5)).extracting(Alert::title)
			.contains(name + " was claimed by another workspace"));

		// Another workspace cannot see or verify this claim.
		assertThatThrownBy(() -> claims.verify(squatter.owner(), claim.id())).isInstanceOf(NotFoundProblem.class);
		assertThatThrownBy(() -> claims.verify(owner.owner(), claim.id())).hasMessageContaining("already complete");
	}

	@Test
	void aFreeDomainIsAddedNotClaimed() {
		Account account = fixtures.verifiedAccount("claim-free");
		assertThatThrownBy(
				() -> claims.start(account.owner(), "free-" + UUID.randomUUID().toString().substring(0, 8) + ".test"))
			.hasMessageContaining("just add it");
	}

}
