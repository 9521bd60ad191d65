package com.penguinmails.contacts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contacts table's pages without a browser: bad parameters as a message, the pages
 * the forms moved to, the columns remembered, list names as links.
 */
@IntegrationTest
class ContactTablePagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	CustomFields customFields;

	@Test
	void badParametersShowAMessageOverTheWholeTableNeverAnError() throws Exception {
		Account account = fixtures.verifiedAccount("table-page-bad");
		contacts.create(account.owner(), contact("ada@blueharbor.test", "Blue Harbor"));
		WebSession session = fixtures.signedIn(account);
		for (String query : List.of("status=vanished", "list=nope", "segment=42", "sort=colour", "dir=up",
				"cursor=garbage", "columns=shoe_size", "sort=custom.none",
				"segment=00000000-0000-0000-0000-000000000001")) {
			var response = session.get("/contacts?" + query).getResponse();
			assertThat(response.getStatus()).as(query).isEqualTo(200);
			assertThat(response.getContentAsString()).as(query)
				.contains("role=\"alert\"")
				.contains("ada@blueharbor.test");
		}
	}

	@Test
	void theFormsHaveTheirOwnPagesAndKeepWhatWasTyped() throws Exception {
		Account account = fixtures.verifiedAccount("table-page-forms");
		WebSession session = fixtures.signedIn(account);
		assertThat(session.get("/contacts").getResponse().getContentAsString()).contains("No contact yet")
			.contains("href=\"/contacts/import\"");
		assertThat(session.get("/contacts/new").getResponse().getContentAsString()).contains("id=\"new-contact\"");
		assertThat(session.get("/contacts/import").getResponse().getContentAsString()).contains("id=\"file\"");
		assertThat(session.post("/contacts/fields", "key", "seats", "type", "number").getResponse().getRedirectedUrl())
			.isEqualTo("/contacts/fields");
		assertThat(session.get("/contacts/fields").getResponse().getContentAsString()).contains("seats");
		var refused = session.post("/contacts", "email", "not an address", "firstName", "Ada");
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/contacts/new");
		assertThat(refused.getFlashMap().get("form").toString()).contains("Ada");
		assertThat(session.post("/contacts", "email", "ada@example.test").getResponse().getRedirectedUrl())
			.startsWith("/contacts/");
	}

	@Test
	void columnsAreRememberedAndListNamesLinkToTheFilteredTable() throws Exception {
		Account account = fixtures.verifiedAccount("table-page-columns");
		Contact ada = contacts.create(account.owner(), contact("ada@blueharbor.test", "Blue Harbor"));
		var list = segments.createList(account.owner(), "Conference");
		segments.addToList(account.owner(), list.id(), List.of(ada.id()));
		WebSession session = fixtures.signedIn(account);
		session.post("/contacts/columns", "columns", "email", "columns", "title", "back", "/contacts?q=blue");
		String page = session.get("/contacts").getResponse().getContentAsString();
		assertThat(page).contains("data-column=\"title\"").doesNotContain("data-column=\"company\"");
		assertThat(session.get("/contacts?columns=company").getResponse().getContentAsString())
			.contains("data-column=\"company\"");
		String link = "/contacts?list=" + list.id();
		assertThat(session.get("/segments").getResponse().getContentAsString()).contains(link);
		assertThat(session.get("/contacts/" + ada.id()).getResponse().getContentAsString()).contains(link);
		assertThat(session.get(link).getResponse().getContentAsString()).contains("ada@blueharbor.test")
			.contains("id=\"contact-count\"");
	}

	@Test
	void customFieldKeysReadAsLabelsOnThePagesAndStayKeysInTheApi() throws Exception {
		Account account = fixtures.verifiedAccount("table-page-labels");
		customFields.define(account.owner(), "deal_size", "number");
		Contact ada = contacts.create(account.owner(), new NewContact("ada@labels.test", "", "", "", "", "", "", "", "",
				"", Map.of("deal_size", 12), List.of()));
		WebSession session = fixtures.signedIn(account);
		String table = session.get("/contacts?columns=email,custom.deal_size").getResponse().getContentAsString();
		assertThat(table).contains("data-column=\"custom.deal_size\"").contains(">Deal size<");
		assertThat(session.get("/contacts/" + ada.id()).getResponse().getContentAsString())
			.contains("Deal size (number)");
		assertThat(session.get("/contacts/fields").getResponse().getContentAsString()).contains(">Deal size<")
			.contains("{{ deal_size }}");
		assertThat(session.get("/segments/new").getResponse().getContentAsString()).contains(">Deal size (custom)<");
		var fields = fixtures.api(account, "contacts:read").get("/api/v1/contacts/fields");
		assertThat(fields.body().toString()).contains("\"deal_size\"").doesNotContain("Deal size");
	}

	@Test
	void aRefusedBulkActionGoesBackToTheFilterWithTheSameRowsCheckedAndTheActionChosen() throws Exception {
		Account account = fixtures.verifiedAccount("table-page-bulk-refused");
		Contact ada = contacts.create(account.owner(), contact("ada@refused.test", "Blue Harbor"));
		Contact bob = contacts.create(account.owner(), contact("bob@refused.test", "Blue Harbor"));
		WebSession session = fixtures.signedIn(account);
		var refused = session.post("/contacts/bulk", "action", "delete", "scope", "selected", "ids",
				ada.id().toString(), "q", "blue", "confirm", "");
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/contacts?q=blue");
		assertThat(refused.getFlashMap().get("error").toString()).contains("type delete");
		String page = session
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/contacts?q=blue")
				.flashAttrs(refused.getFlashMap()))
			.getResponse()
			.getContentAsString();
		assertThat(page).containsPattern("value=\"" + ada.id() + "\"[^>]*checked")
			.doesNotContainPattern("value=\"" + bob.id() + "\"[^>]*checked")
			.containsPattern("value=\"delete\"[^>]*selected");
		assertThat(contacts.get(account.owner(), ada.id())).isNotNull();
	}

	private static NewContact contact(String email, String company) {
		return new NewContact(email, "", "", company, "", "", "", "", "", "", Map.of(), List.of());
	}

}
