package com.penguinmails.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ContactPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	CustomFields fields;

	@Autowired
	Segments segments;

	@Autowired
	LeadScoring scoring;

	@Autowired
	Suppressions suppressions;

	@Test
	void theContactPageEditsFieldsTypedCustomValuesTagsAndLists() throws Exception {
		Account account = fixtures.verifiedAccount("contact-page");
		fields.define(account.owner(), "seats", "number");
		fields.define(account.owner(), "paying", "boolean");
		UUID list = segments.createList(account.owner(), "Customers").id();
		Contact jo = contacts.create(account.owner(),
				new NewContact("jo@example.test", "Jo", "", "", "", "", "", "", "", "", Map.of("seats", 3), List.of()));
		WebSession session = fixtures.signedIn(account);
		String page = session.get("/contacts/" + jo.id()).getResponse().getContentAsString();
		assertThat(page).contains("jo@example.test").contains("Seats (number)").contains("type=\"number\"");

		String saved = session
			.post("/contacts/" + jo.id(), "email", "jo@example.test", "firstName", "Joanna", "lastName",
					"<script>alert(1)</script>", "custom:seats", "42", "custom:paying", "true", "tags", "vip, Warm ",
					"status", "active", "timeZone", "Europe/Paris")
			.getResponse()
			.getContentAsString();
		assertThat(saved).contains("Saved.").doesNotContain("<script>alert(1)</script>");
		Contact edited = contacts.get(account.owner(), jo.id());
		assertThat(edited.firstName()).isEqualTo("Joanna");
		assertThat(edited.custom()).containsEntry("paying", true);
		assertThat(((Number) edited.custom().get("seats")).intValue()).isEqualTo(42);
		assertThat(edited.tags()).containsExactly("vip", "warm");

		// A bad value: the message is on the page and nothing is lost.
		String refused = session.post("/contacts/" + jo.id(), "custom:seats", "lots")
			.getResponse()
			.getContentAsString();
		assertThat(refused).contains("seats: not a number");
		assertThat(((Number) contacts.get(account.owner(), jo.id()).custom().get("seats")).intValue()).isEqualTo(42);

		session.post("/contacts/" + jo.id() + "/lists", "listId", list.toString());
		assertThat(segments.listsOf(account.owner(), jo.id())).extracting(Segments.ContactList::name)
			.containsExactly("Customers");
		session.post("/contacts/" + jo.id() + "/lists/" + list + "/remove");
		assertThat(segments.listsOf(account.owner(), jo.id())).isEmpty();

		// The list page finds contacts by email and shows the score.
		String found = session.get("/contacts?q=jo@").getResponse().getContentAsString();
		assertThat(found).contains("jo@example.test");
		assertThat(session.get("/contacts?q=nobody").getResponse().getContentAsString())
			.doesNotContain("jo@example.test");
	}

	@Test
	void theSegmentEditorCountsAsYouTypeAndSaves() throws Exception {
		Account account = fixtures.verifiedAccount("segment-page");
		contacts.create(account.owner(),
				new NewContact("ada@uk.test", "Ada", "", "", "", "", "", "", "", "UK", Map.of(), List.of("vip")));
		contacts.create(account.owner(),
				new NewContact("bob@us.test", "Bob", "", "", "", "", "", "", "", "US", Map.of(), List.of()));
		UUID list = segments.createList(account.owner(), "Warm, and ready").id();
		WebSession session = fixtures.signedIn(account);
		String editor = session.get("/segments/new").getResponse().getContentAsString();
		assertThat(editor).contains("in list Warm, and ready").contains("hx-post=\"/segments/count\"");

		// The live count (what htmx posts on every change).
		String count = session
			.post("/segments/count", "match", "all", "field", "country", "op", "equals", "value", "uk", "field", "",
					"op", "equals", "value", "")
			.getResponse()
			.getContentAsString();
		assertThat(count).contains("<strong>1</strong> contacts match now").contains("ada@uk.test");
		String invalid = session.post("/segments/count", "field", "score", "op", "greater_than", "value", "many")
			.getResponse()
			.getContentAsString();
		assertThat(invalid).contains("needs a number");

		// More rows keeps what was typed.
		String more = session
			.post("/segments", "name", "UK VIPs", "field", "country", "op", "equals", "value", "UK", "action", "more")
			.getResponse()
			.getContentAsString();
		assertThat(more).contains("value=\"UK\"").contains("aria-label=\"Field 7\"");

		String location = session
			.post("/segments", "name", "UK VIPs", "match", "all", "field", "country", "op", "equals", "value", "UK",
					"field", "tag", "op", "in", "value", "vip", "field", "list:" + list, "op", "not_in", "value", "")
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/segments/");
		Segments.Segment saved = segments.segment(account.owner(), UUID.fromString(location.substring(10)));
		assertThat(saved.contacts()).isEqualTo(1);
		assertThat(saved.definition().conditions()).hasSize(3);
		assertThat(saved.definition().conditions().get(2).value()).isEqualTo(list.toString());
		String reopened = session.get(location).getResponse().getContentAsString();
		assertThat(reopened).contains("UK VIPs").contains("1</strong> contacts match now");
		assertThat(session.get("/segments").getResponse().getContentAsString()).contains("UK VIPs")
			.contains("Warm, and ready");

		// A segment of another workspace is not there.
		WebSession stranger = fixtures.signedIn(fixtures.verifiedAccount("segment-page-stranger"));
		assertThat(stranger.get(location).getResponse().getStatus()).isEqualTo(404);
		session.post(location + "/delete");
		assertThat(segments.segments(account.owner())).isEmpty();
	}

	@Test
	void theScoringPageAddsAndRemovesRules() throws Exception {
		Account account = fixtures.verifiedAccount("scoring-page");
		Contact ceo = contacts.create(account.owner(),
				new NewContact("ceo@acme.test", "", "", "", "CEO", "", "", "", "", "", Map.of(), List.of()));
		WebSession session = fixtures.signedIn(account);
		session.post("/contacts/scoring", "name", "Decision maker", "field", "title", "op", "equals", "value", "ceo",
				"points", "25");
		assertThat(contacts.get(account.owner(), ceo.id()).score()).isEqualTo(25);
		String page = session.get("/contacts/scoring").getResponse().getContentAsString();
		assertThat(page).contains("Decision maker").contains("+25");
		session.post("/contacts/scoring", "field", "title", "op", "equals", "value", "x", "points", "lots");
		assertThat(session.get("/contacts/scoring").getResponse().getContentAsString())
			.contains("Points are a whole number");
		session.post("/contacts/scoring/" + scoring.rules(account.owner()).get(0).id() + "/delete");
		assertThat(contacts.get(account.owner(), ceo.id()).score()).isZero();
	}

	@Test
	void aConditionValueWithCommasIsCountedWhole() throws Exception {
		Account account = fixtures.verifiedAccount("segment-comma");
		contacts.create(account.owner(),
				new NewContact("law@firm.test", "", "", "Smith, Jones", "", "", "", "", "", "", Map.of(), List.of()));
		WebSession session = fixtures.signedIn(account);
		String count = session.post("/segments/count", "field", "company", "op", "equals", "value", "Smith, Jones")
			.getResponse()
			.getContentAsString();
		assertThat(count).contains("<strong>1</strong> contacts match now");
	}

	@Test
	void theStatusIsChosenOnThePageAndShownInWords() throws Exception {
		Account account = fixtures.verifiedAccount("contact-status-page");
		Contact jo = contacts.create(account.owner(),
				new NewContact("jo@status.test", "", "", "", "", "", "", "", "", "", Map.of(), List.of()));
		WebSession session = fixtures.signedIn(account);
		String saved = session.post("/contacts/" + jo.id(), "status", "bounced").getResponse().getContentAsString();
		assertThat(saved).contains("Saved.")
			.contains("<option value=\"bounced\" selected=\"selected\">Bounced</option>");
		assertThat(contacts.get(account.owner(), jo.id()).status()).isEqualTo(ContactStatus.BOUNCED);
		assertThat(suppressions.isSuppressed(account.workspaceId(), "jo@status.test")).isTrue();
		assertThat(session.post("/contacts/" + jo.id(), "status", "vanished").getResponse().getContentAsString())
			.contains("status is one of [active, unsubscribed, bounced, complained].");
	}

	@Test
	void anErasedContactsSuppressionStaysAndThePageSaysWhy() throws Exception {
		Account account = fixtures.verifiedAccount("suppression-page");
		suppressions.erase(account.workspaceId(), "gone@erased.test");
		UUID entry = suppressions.list(account.owner(), null, 10).data().get(0).id();
		WebSession session = fixtures.signedIn(account);
		var removed = session.post("/suppressions/" + entry + "/remove");
		assertThat(removed.getResponse().getRedirectedUrl()).isEqualTo("/suppressions");
		assertThat(removed.getFlashMap().get("error")).asString().contains("keeps an erased contact");
		assertThat(suppressions.isSuppressed(account.workspaceId(), "gone@erased.test")).isTrue();
	}

}
