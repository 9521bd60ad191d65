package com.penguinmails.reputation.internal.dmarc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DMARC record to publish keeps every tag but {@code p=}; the report addresses are
 * read from {@code rua=} (RFC 7489 §6.2, §6.3).
 */
class DmarcRecordTextTests {

	@Test
	void theNextPolicyKeepsTheCurrentRuaAndTags() {
		String current = "v=DMARC1; p=none; rua=mailto:dmarc@example.com,mailto:agg@esp.example.net!10m; adkim=s; pct=100";

		assertThat(DmarcRecordText.withPolicy(current, "quarantine"))
			.isEqualTo("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com,mailto:agg@esp.example.net!10m; "
					+ "adkim=s; pct=100");
		assertThat(DmarcRecordText.withPolicy("v=DMARC1;rua=mailto:a@example.com;", "reject"))
			.isEqualTo("v=DMARC1; p=reject; rua=mailto:a@example.com");
	}

	@Test
	void findsTheDmarcRecordAndItsReportAddresses() {
		String record = DmarcRecordText
			.find(List.of("\"google-site-verification=x\"", "\"v=DMARC1; p=none; rua=mailto:DMARC@Example.com!5m, "
					+ "https://ignored.example; ruf=mailto:f@example.com\""));

		assertThat(record).startsWith("v=DMARC1; p=none");
		assertThat(DmarcRecordText.ruaAddresses(record)).containsExactly("dmarc@example.com");
		assertThat(DmarcRecordText.ruaAddresses("v=DMARC1; p=none")).isEmpty();
		assertThat(DmarcRecordText.find(List.of("v=spf1 -all"))).isNull();
	}

}
