package com.penguinmails.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressesTests {

	@Test
	void acceptsAnIdnDomainAndStoresItAsALowerCaseALabel() {
		assertThat(EmailAddresses.normalize(" lena@müller.example ")).isEqualTo("lena@xn--mller-kva.example");
		assertThat(EmailAddresses.normalize("Lena@MÜLLER.Example")).isEqualTo("Lena@xn--mller-kva.example");
	}

	@Test
	void bothSpellingsOfAnIdnDomainAreOneAddress() {
		assertThat(EmailAddresses.normalize("lena@xn--mller-kva.example"))
			.isEqualTo(EmailAddresses.normalize("lena@müller.example"));
		// NFD input (u + combining diaeresis) is the same domain.
		assertThat(EmailAddresses.normalize("lena@mu\u0308ller.example")).isEqualTo("lena@xn--mller-kva.example");
	}

	@Test
	void showsTheDomainInUnicode() {
		assertThat(EmailAddresses.toUnicode("lena@xn--mller-kva.example")).isEqualTo("lena@müller.example");
	}

	@Test
	void acceptsAnRfc6531LocalPartAndSaysItNeedsSmtpUtf8() {
		assertThat(EmailAddresses.normalize("jörg@example.com")).isEqualTo("jörg@example.com");
		assertThat(EmailAddresses.needsSmtpUtf8("jörg@example.com")).isTrue();
		assertThat(EmailAddresses.needsSmtpUtf8("lena@xn--mller-kva.example")).isFalse();
	}

	@Test
	void acceptsTheAtextSpecials() {
		assertThat(EmailAddresses.isValid("o'brien+tag@example.co.uk")).isTrue();
		assertThat(EmailAddresses.isValid("a!#$%&*/=?^_`{|}~-b@example.com")).isTrue();
	}

	@Test
	void refusesWhatIsNotAnAddress() {
		for (String bad : new String[] { "", "plain", "@example.com", "lena@", "lena@example", "lena@localhost",
				"a b@example.com", ".lena@example.com", "lena.@example.com", "le..na@example.com", "lena@exa_mple.com",
				"lena@[192.0.2.1]", "lena@example.123", "\"quoted\"@example.com", "lena@-example.com",
				"x".repeat(65) + "@example.com", "lena@" + "a".repeat(64) + ".com", "lena@exa mple.com",
				"lena\n@example.com" }) {
			assertThat(EmailAddresses.isValid(bad)).as(bad).isFalse();
		}
	}

	@Test
	void namesWhatIsWrong() {
		assertThatThrownBy(() -> EmailAddresses.normalize("a b@example.com"))
			.isInstanceOf(EmailAddresses.InvalidEmailAddress.class)
			.hasMessageContaining("U+0020");
	}

	@Test
	void normalisesADomainAlone() {
		assertThat(EmailAddresses.asciiDomain("Bücher.Example.")).isEqualTo("xn--bcher-kva.example");
	}

	@Test
	void theDomainPartIsWhatFollowsTheLastAtLowerCaseAsWritten() {
		assertThat(EmailAddresses.domainPart("Ann@Example.COM ")).isEqualTo("example.com");
		assertThat(EmailAddresses.domainPart("\"a@b\"@mail.example.org")).isEqualTo("mail.example.org");
	}

}
