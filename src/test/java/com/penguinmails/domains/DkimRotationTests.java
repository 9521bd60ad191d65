package com.penguinmails.domains;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class DkimRotationTests {

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	private void publish(List<RecordCheck> records) throws Exception {
		String zone = domains.zoneSnippet(records);
		TestDnsServer.shared().publishZone(zone);
	}

	@Test
	void theNewKeySignsOnceItVerifiesAndTheOldOneRetiresSevenDaysLater() throws Exception {
		Account account = fixtures.verifiedAccount("rotate");
		Domain domain = domains.add(account.owner(),
				new NewDomain("rotate-" + UUID.randomUUID().toString().substring(0, 8) + ".test", false, "", ""));
		String first = domain.dkimSelector();
		publish(domains.records(account.owner(), domain.id()));
		domains.verify(account.owner(), domain.id());

		String next = domains.rotateKey(account.owner(), domain.id());
		assertThat(next).startsWith(first).isNotEqualTo(first);
		assertThatThrownBy(() -> domains.rotateKey(account.owner(), domain.id()))
			.hasMessageContaining("already under way");
		// Until the new record is published, the old key keeps signing and the domain
		// stays verified.
		Domains.Verification before = domains.verify(account.owner(), domain.id());
		assertThat(before.domain().status()).isEqualTo(DomainStatus.VERIFIED);
		assertThat(before.domain().dkimSelector()).isEqualTo(first);
		assertThat(before.records()).anySatisfy(r -> {
			assertThat(r.purpose()).isEqualTo("dkim-next");
			assertThat(r.status()).isEqualTo("missing");
		});

		publish(before.records().stream().filter(r -> r.purpose().equals("dkim-next")).toList());
		Domains.Verification after = domains.verify(account.owner(), domain.id());
		assertThat(after.domain().dkimSelector()).isEqualTo(next);
		assertThat(domains.keys(account.owner(), domain.id())).extracting(DkimKeyInfo::selector, DkimKeyInfo::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(next, DkimKeyStatus.ACTIVE),
					org.assertj.core.groups.Tuple.tuple(first, DkimKeyStatus.RETIRING));
		assertThat(after.records()).extracting(RecordCheck::purpose).contains("dkim", "dkim-previous");

		// Seven days on, the old key is retired and its record no longer listed.
		fixtures.jdbc()
			.sql("UPDATE dkim_keys SET retire_after = now() - interval '1 second' WHERE selector = ? AND domain_id = ?")
			.params(first, domain.id())
			.update();
		domains.verify(account.owner(), domain.id());
		assertThat(domains.keys(account.owner(), domain.id())).extracting(DkimKeyInfo::selector).containsExactly(next);
	}

}
