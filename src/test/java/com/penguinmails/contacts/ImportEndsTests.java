package com.penguinmails.contacts;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An import's columns named as the contacts API names them, for contact.updated. */
class ImportEndsTests {

	@Test
	void columnsBecomeTheApiNamesWithoutTheAddressOrUnmappedOnes() {
		assertThat(ImportEnds.apiNames(
				List.of("email", "first_name", "linkedin_url", "custom.plan", "", "tags", "time_zone", "first_name")))
			.containsExactly("custom.plan", "firstName", "linkedinUrl", "tags", "timeZone");
		assertThat(ImportEnds.apiNames(List.of("email"))).isEmpty();
	}

}
