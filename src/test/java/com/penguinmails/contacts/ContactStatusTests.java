package com.penguinmails.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContactStatusTests {

	@Test
	void readsTheStoredWordsInAnyCase() {
		assertThat(ContactStatus.of("active")).isEqualTo(ContactStatus.ACTIVE);
		assertThat(ContactStatus.of(" Unsubscribed ")).isEqualTo(ContactStatus.UNSUBSCRIBED);
		assertThat(ContactStatus.of("BOUNCED")).isEqualTo(ContactStatus.BOUNCED);
		assertThat(ContactStatus.of("complained")).isEqualTo(ContactStatus.COMPLAINED);
		assertThatIllegalArgumentException().isThrownBy(() -> ContactStatus.of("vanished"));
		assertThatIllegalArgumentException().isThrownBy(() -> ContactStatus.of(null));
	}

	@Test
	void isTheLowerCaseWordInJson() throws Exception {
		ObjectMapper json = new ObjectMapper();
		assertThat(json.writeValueAsString(ContactStatus.COMPLAINED)).isEqualTo("\"complained\"");
		assertThat(json.readValue("\"unsubscribed\"", ContactStatus.class)).isEqualTo(ContactStatus.UNSUBSCRIBED);
	}

	@Test
	void suppressesUnderTheMatchingReason() {
		assertThat(ContactStatus.ACTIVE.suppressionReason()).isNull();
		assertThat(ContactStatus.BOUNCED.suppressionReason()).isEqualTo("hard_bounce");
		assertThat(ContactStatus.COMPLAINED.suppressionReason()).isEqualTo("complaint");
		assertThat(Suppressions.REASONS).contains(ContactStatus.UNSUBSCRIBED.suppressionReason());
		assertThat(ContactStatus.BOUNCED.label()).isEqualTo("Bounced");
	}

}
