package com.penguinmails.domains;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DmarcAlignmentTests {

	@Test
	void relaxedAlignmentComparesOrganizationalDomainsFromThePublicSuffixList() {
		DmarcAlignment relaxed = DmarcAlignment.evaluate("news.example.co.uk", "example.co.uk", "bounce.example.co.uk",
				"r", "r");
		assertThat(relaxed.dkimAligned()).isTrue();
		assertThat(relaxed.spfAligned()).isTrue();
		// co.uk is a public suffix: two different registrations never align.
		assertThat(DmarcAlignment.evaluate("example.co.uk", "other.co.uk", "other.co.uk", "r", "r").aligned())
			.isFalse();
	}

	@Test
	void strictAlignmentNeedsTheExactDomain() {
		DmarcAlignment strict = DmarcAlignment.evaluate("mail.example.com", "example.com", "mail.example.com", "s",
				"s");
		assertThat(strict.dkimAligned()).isFalse();
		assertThat(strict.spfAligned()).isTrue();
		assertThat(strict.aligned()).isTrue();
	}

	@Test
	void aThirdPartySignatureDoesNotAlign() {
		DmarcAlignment esp = DmarcAlignment.evaluate("example.com", "sendgrid.net", "em123.sendgrid.net", null, null);
		assertThat(esp.dkimMode()).isEqualTo("r");
		assertThat(esp.aligned()).isFalse();
	}

}
