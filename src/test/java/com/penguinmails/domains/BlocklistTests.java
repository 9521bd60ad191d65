package com.penguinmails.domains;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocklist look-ups through the loopback DNS server, which plays the blocklists' zones.
 */
@IntegrationTest
class BlocklistTests {

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	final TestDnsServer dns = TestDnsServer.shared();

	private static BlocklistResult result(List<BlocklistResult> results, String target, String zone) {
		return results.stream()
			.filter(r -> r.target().equals(target) && r.zone().equals(zone))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void listedAndUnlistedIpsAndTheDomainAreReadPerZone() {
		Account account = fixtures.verifiedAccount("dnsbl");
		String name = "dnsbl-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		// Two sending IPs, one in the configured SPF mechanisms and one in the published
		// record.
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", "ip4:192.0.2.10"));
		dns.add(name + ". 300 IN TXT \"v=spf1 ip4:192.0.2.10 ip4:198.51.100.7/32 ip4:203.0.113.0/24 ~all\"");
		// 192.0.2.10 is in Spamhaus ZEN as an exploited host; 198.51.100.7 is listed
		// nowhere.
		dns.add("10.2.0.192.zen.spamhaus.org. 300 IN A 127.0.0.4");
		// SpamCop refuses our resolver for 198.51.100.7: that is unknown, not listed.
		dns.add("7.100.51.198.bl.spamcop.net. 300 IN A 127.255.255.254");
		// The domain is on the Spamhaus DBL.
		dns.add(name + ".dbl.spamhaus.org. 300 IN A 127.0.1.2");
		// URIBL answers 127.0.0.1 when it blocks the querier.
		dns.add(name + ".multi.uribl.com. 300 IN A 127.0.0.1");

		List<BlocklistResult> results = domains.checkBlocklists(account.owner(), domain.id());
		assertThat(result(results, "192.0.2.10", "zen.spamhaus.org").status()).isEqualTo("listed");
		assertThat(result(results, "192.0.2.10", "zen.spamhaus.org").meaning()).isEqualTo("XBL exploited host");
		assertThat(result(results, "198.51.100.7", "zen.spamhaus.org").status()).isEqualTo("clean");
		assertThat(result(results, "198.51.100.7", "bl.spamcop.net").status()).isEqualTo("unknown");
		assertThat(result(results, name, "dbl.spamhaus.org").status()).isEqualTo("listed");
		assertThat(result(results, name, "dbl.spamhaus.org").meaning()).isEqualTo("spam domain");
		assertThat(result(results, name, "multi.uribl.com").status()).isEqualTo("unknown");
		assertThat(result(results, name, "dbl.spamhaus.org").delistUrl()).startsWith("https://");
		// The /24 range is not looked up address by address.
		assertThat(results).noneMatch(r -> r.target().startsWith("203.0.113"));
		// 50 IP lists for each of the 2 IPs, and the domain lists once.
		assertThat(results.stream().map(BlocklistResult::zone).distinct().count()).isGreaterThanOrEqualTo(50);

		assertThat(domains.lastBlocklists(account.owner(), domain.id())).hasSameSizeAs(results);
		assertThat(domains.health(account.owner(), domain.id()).breakdown()).containsEntry("blocklists", 0);
	}

	@Test
	void aListThatDoesNotAnswerItsTestEntryIsUnknownNeverClean() {
		Account account = fixtures.verifiedAccount("dnsbl-untrusted");
		String name = "untrusted-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", "ip4:198.51.100.9"));
		// SpamCop stops answering us: its test entry is gone (as through a resolver that
		// says NXDOMAIN to everything). Its NXDOMAIN for our IP proves nothing.
		dns.clear("2.0.0.127.bl.spamcop.net.");
		try {
			List<BlocklistResult> results = domains.checkBlocklists(account.owner(), domain.id());
			BlocklistResult spamcop = result(results, "198.51.100.9", "bl.spamcop.net");
			assertThat(spamcop.status()).isEqualTo("unknown");
			assertThat(spamcop.meaning()).contains("test entry (127.0.0.2, RFC 5782 §5)");
			// Lists still answering their test entry are believed, and so are the
			// domain lists.
			assertThat(result(results, "198.51.100.9", "zen.spamhaus.org").status()).isEqualTo("clean");
			assertThat(result(results, name, "dbl.spamhaus.org").status()).isEqualTo("clean");
		}
		finally {
			dns.add("2.0.0.127.bl.spamcop.net. 300 IN A 127.0.0.2");
		}
	}

	@Test
	void aCleanDomainEarnsItsBlocklistShareAndThePageSaysSo() throws Exception {
		Account account = fixtures.verifiedAccount("dnsbl-clean");
		String name = "clean-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", "ip4:192.0.2.99"));
		WebSession session = fixtures.signedIn(account);
		assertThat(session.post("/domains/" + domain.id() + "/blocklists").getFlashMap().get("notice")).asString()
			.startsWith("Not listed on any of the");
		assertThat(session.get("/domains/" + domain.id()).getResponse().getContentAsString())
			.contains("clean</span> on");
		assertThat(domains.health(account.owner(), domain.id()).breakdown()).containsEntry("blocklists", 20);
	}

	@Test
	void ipv6AddressesAreLookedUpByReversedNibbles() {
		Account account = fixtures.verifiedAccount("dnsbl-v6");
		String name = "v6-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", "ip6:2001:db8::1"));
		dns.add("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org. 300 IN A 127.0.0.2");
		List<BlocklistResult> results = domains.checkBlocklists(account.owner(), domain.id());
		assertThat(result(results, "2001:db8::1", "zen.spamhaus.org").meaning()).isEqualTo("SBL spam source");
	}

}
