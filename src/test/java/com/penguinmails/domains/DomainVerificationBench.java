package com.penguinmails.domains;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

/**
 * Benchmark, not a test: verifies 1,000 domains (6 records each: SPF, DKIM, DMARC, MX,
 * tracking, ownership) against the loopback DNS server and prints the wall time. Run with
 * {@code bash bench/domain-verification.sh}.
 */
@Tag("bench")
@IntegrationTest
class DomainVerificationBench {

	static final int DOMAINS = Integer.getInteger("bench.domains", 1000);

	@Autowired
	Domains domains;

	@Autowired
	DomainRechecker rechecker;

	@Autowired
	Fixtures fixtures;

	@Test
	void verifyAThousandDomains() throws Exception {
		TestDnsServer dns = TestDnsServer.shared();
		Account account = fixtures.verifiedAccount("bench");
		List<Domain> added = new ArrayList<>();
		long addStart = System.nanoTime();
		for (int i = 0; i < DOMAINS; i++) {
			String name = "d" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + ".bench";
			added.add(domains.add(account.owner(), new NewDomain(name, true, "mx1." + name, "ip4:192.0.2.1")));
		}
		Duration adding = Duration.ofNanos(System.nanoTime() - addStart);
		for (Domain domain : added) {
			for (RecordCheck record : records(account, domain)) {
				publish(dns, record);
			}
		}
		// Only the bench's domains are due.
		fixtures.jdbc()
			.sql("UPDATE domains SET next_check_at = now() + interval '1 day' WHERE workspace_id <> ?")
			.param(account.workspaceId())
			.update();
		fixtures.jdbc()
			.sql("UPDATE domains SET next_check_at = now() - interval '1 second' WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();

		long start = System.nanoTime();
		int verified = 0;
		int claimed;
		while ((claimed = rechecker.verifyDue(DomainRechecker.BATCH, false)) > 0) {
			verified += claimed;
		}
		Duration wall = Duration.ofNanos(System.nanoTime() - start);
		long ok = fixtures.jdbc()
			.sql("SELECT count(*) FROM domains WHERE workspace_id = ? AND status = 'verified'")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		System.out.printf("BENCH database: %s%n", fixtures.durability());
		System.out.printf("BENCH adding %d domains (2048-bit DKIM key each): %d ms (%.1f domains/s)%n", DOMAINS,
				adding.toMillis(), DOMAINS * 1000.0 / adding.toMillis());
		System.out.printf(
				"BENCH verifying %d domains x 6 records against loopback DNS: %d ms wall (%.0f domains/s), %d verified, concurrency %d%n",
				verified, wall.toMillis(), verified * 1000.0 / Math.max(1, wall.toMillis()), ok,
				rechecker.concurrency());
	}

	private List<RecordCheck> records(Account account, Domain domain) {
		return domains.records(account.owner(), domain.id());
	}

	private static void publish(TestDnsServer dns, RecordCheck record) {
		String host = record.host() + ".";
		switch (record.type()) {
			case "TXT" -> {
				StringBuilder strings = new StringBuilder();
				String value = record.expected();
				for (int i = 0; i < value.length(); i += 255) {
					strings.append('"').append(value, i, Math.min(value.length(), i + 255)).append("\" ");
				}
				dns.add(host + " 3600 IN TXT " + strings);
			}
			case "MX" -> dns.add(host + " 3600 IN MX 10 " + record.expected());
			default -> dns.add(host + " 3600 IN " + record.type() + " " + record.expected());
		}
	}

}
