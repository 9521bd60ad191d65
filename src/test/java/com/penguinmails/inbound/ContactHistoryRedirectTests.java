package com.penguinmails.inbound;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ContactHistoryRedirectTests {

	@Autowired
	Fixtures fixtures;

	@Test
	void theOldMailHistoryAddressMovesForGoodToTheContactsTimeline() throws Exception {
		Account account = fixtures.verifiedAccount("history-redirect");
		WebSession web = fixtures.signedIn(account);
		UUID contactId = UUID.randomUUID();

		MockHttpServletResponse old = web.get("/inbox/contacts/" + contactId).getResponse();

		assertThat(old.getStatus()).isEqualTo(301);
		assertThat(old.getHeader("Location")).isEqualTo("/contacts/" + contactId + "#timeline");
		assertThat(old.getContentAsString()).isEmpty();
	}

	@Test
	void aMalformedIdIsABadRequestNotARedirect() throws Exception {
		WebSession web = fixtures.signedIn(fixtures.verifiedAccount("history-redirect-bad"));

		MockHttpServletResponse bad = web.get("/inbox/contacts/not-an-id").getResponse();

		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getHeader("Location")).isNull();
	}

}
