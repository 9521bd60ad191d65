package com.penguinmails.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who a caught message involves, whatever the names around the addresses. */
class SandboxMailTests {

	@Test
	void namesWithAnyCharacterDoNotHideTheAddress() {
		SandboxMail mail = new SandboxMail("id", "Pat Sender <Pat@Outreach.test>",
				List.of("Léna Müller, Café & Co <lena@xn--mller-kva.example>"), "Hi", Instant.now(), "", null, "");

		assertThat(mail.fromAddress()).isEqualTo("pat@outreach.test");
		assertThat(mail.addressedTo("LENA@xn--mller-kva.example")).isTrue();
		assertThat(mail.involves(Set.of("lena@xn--mller-kva.example"))).isTrue();
	}

}
