package com.penguinmails.reputation.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.reputation.DmarcDomainView.Fix;
import com.penguinmails.reputation.DmarcDomainView.SourceKind;
import com.penguinmails.reputation.DmarcReports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of the domain page: every failing check of a source, "private address" where
 * no public reverse name can exist, and the warning when no domain sends reports to the
 * chosen mailbox.
 */
class DmarcViewTests {

	static final DmarcView VIEW = new DmarcView(null, "", "");

	@Test
	void aDmarcFailureNamesBothFailingChecks() {
		Fix both = new Fix("192.0.2.1", null, SourceKind.OURS, "DKIM", 10, true, "");
		Fix dkimOnly = new Fix("192.0.2.1", null, SourceKind.OURS, "DKIM", 10, false, "");
		Fix spfOnly = new Fix("192.0.2.1", null, SourceKind.OURS, "SPF", 10, false, "");

		assertThat(VIEW.checksOf(both)).isEqualTo("DKIM fails, SPF fails, DMARC fails");
		assertThat(VIEW.checksOf(dkimOnly)).isEqualTo("DKIM fails, DMARC passes (SPF aligned)");
		assertThat(VIEW.checksOf(spfOnly)).isEqualTo("SPF fails, DMARC passes (DKIM aligned)");
	}

	@Test
	void privateAddressesSaySo() {
		assertThat(VIEW.reverseOf("127.0.0.1", null)).isEqualTo("private address");
		assertThat(VIEW.reverseOf("10.1.2.3", null)).isEqualTo("private address");
		assertThat(VIEW.reverseOf("192.168.0.9", null)).isEqualTo("private address");
		assertThat(VIEW.reverseOf("fd00::1", null)).isEqualTo("private address");
		assertThat(VIEW.reverseOf("::1", null)).isEqualTo("private address");
		assertThat(VIEW.reverseOf("203.0.113.5", null)).isEqualTo("no reverse name known");
		assertThat(VIEW.reverseOf("203.0.113.5", "mx.example.net")).isEqualTo("mx.example.net");
	}

	@Test
	void warnsWhenNoDomainSendsReportsToTheChosenMailbox() {
		List<DmarcReports.ReportAddress> addresses = List
			.of(new DmarcReports.ReportAddress(null, "example.com", List.of("dmarc@example.com"), true, false));

		assertThat(DmarcController.unreached(addresses, "DMARC@example.com")).isEmpty();
		assertThat(DmarcController.unreached(addresses, "reports@example.com"))
			.contains("no domain's DMARC record sends reports to reports@example.com");
	}

}
