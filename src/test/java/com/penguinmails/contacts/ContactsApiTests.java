package com.penguinmails.contacts;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class ContactsApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	Suppressions suppressions;

	@Test
	void patchChangesOnlyTheGivenFieldsAndChecksTypedCustomValues() throws Exception {
		Account account = fixtures.verifiedAccount("patch");
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		assertThat(api.post("/api/v1/contacts/fields", "{\"key\":\"Seats\",\"type\":\"number\"}").status())
			.isEqualTo(201);
		assertThat(api.post("/api/v1/contacts/fields", "{\"key\":\"renewal\",\"type\":\"date\"}").status())
			.isEqualTo(201);
		assertThat(api.post("/api/v1/contacts/fields", "{\"key\":\"paying\",\"type\":\"boolean\"}").status())
			.isEqualTo(201);
		Api.Response duplicate = api.post("/api/v1/contacts/fields", "{\"key\":\"seats\",\"type\":\"text\"}");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(api.post("/api/v1/contacts/fields", "{\"key\":\"x\",\"type\":\"colour\"}").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/contacts/fields").body().get("data")).hasSize(3);

		JsonNode created = api.post("/api/v1/contacts", """
				{"email":"ada@analytical.test","firstName":"Ada","company":"Analytical",
				 "custom":{"seats":"12","renewal":"2027-03-01","paying":"yes","plan":"pro"},"tags":["VIP"," uk "]}""")
			.body();
		String id = created.get("id").asText();
		// Typed on the way in: a number, an ISO date, a boolean; unknown keys are text.
		assertThat(created.get("custom").get("seats").isNumber()).isTrue();
		assertThat(created.get("custom").get("renewal").asText()).isEqualTo("2027-03-01");
		assertThat(created.get("custom").get("paying").asBoolean()).isTrue();
		assertThat(created.get("custom").get("plan").asText()).isEqualTo("pro");
		assertThat(created.get("tags")).hasSize(2);

		JsonNode patched = api.patch("/api/v1/contacts/" + id,
				"{\"lastName\":\"Lovelace\",\"custom\":{\"seats\":40,\"plan\":null},\"timeZone\":\"Europe/London\"}")
			.body();
		assertThat(patched.get("lastName").asText()).isEqualTo("Lovelace");
		assertThat(patched.get("firstName").asText()).isEqualTo("Ada");
		assertThat(patched.get("company").asText()).isEqualTo("Analytical");
		assertThat(patched.get("custom").get("seats").asInt()).isEqualTo(40);
		assertThat(patched.get("custom").has("plan")).isFalse();
		assertThat(patched.get("custom").get("renewal").asText()).isEqualTo("2027-03-01");

		// Bad values: 400 problems naming what is wrong, nothing changed.
		Api.Response badNumber = api.patch("/api/v1/contacts/" + id, "{\"custom\":{\"seats\":\"three\"}}");
		assertThat(badNumber.status()).isEqualTo(400);
		assertThat(badNumber.body().get("detail").asText()).contains("seats").contains("not a number");
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"custom\":{\"renewal\":\"01/03/2027\"}}").status())
			.isEqualTo(400);
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"custom\":{\"paying\":\"perhaps\"}}").status())
			.isEqualTo(400);
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"timeZone\":\"Mars/Olympus\"}").status()).isEqualTo(400);
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"email\":\"not an address\"}").status()).isEqualTo(400);
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"favouriteColour\":\"blue\"}").status()).isEqualTo(400);
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"status\":\"vanished\"}").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/contacts/" + id).body().get("custom").get("seats").asInt()).isEqualTo(40);

		// A changed email is checked for duplicates (any case).
		api.post("/api/v1/contacts", "{\"email\":\"bob@builder.test\"}");
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"email\":\"BOB@builder.test\"}").status()).isEqualTo(409);
		JsonNode renamed = api.patch("/api/v1/contacts/" + id, "{\"email\":\"info@analytical.test\"}").body();
		assertThat(renamed.get("roleAddress").asBoolean()).isTrue();

		// Status unsubscribed also suppresses the address.
		assertThat(api.patch("/api/v1/contacts/" + id, "{\"status\":\"unsubscribed\"}").body().get("status").asText())
			.isEqualTo("unsubscribed");
		assertThat(suppressions.isSuppressed(account.workspaceId(), "info@analytical.test")).isTrue();
	}

	@Test
	void contactsOfAnotherWorkspaceAreNotThereAndViewersCannotWrite() throws Exception {
		Account owner = fixtures.verifiedAccount("contacts-owner");
		Account stranger = fixtures.verifiedAccount("contacts-stranger");
		Api api = fixtures.api(owner, "contacts:read", "contacts:write");
		String id = api.post("/api/v1/contacts", "{\"email\":\"ada@analytical.test\"}").body().get("id").asText();
		Api theirs = fixtures.api(stranger, "contacts:read", "contacts:write");
		assertThat(theirs.get("/api/v1/contacts/" + id).status()).isEqualTo(404);
		assertThat(theirs.patch("/api/v1/contacts/" + id, "{\"firstName\":\"Eve\"}").status()).isEqualTo(404);
		assertThat(theirs.delete("/api/v1/contacts/" + id).status()).isEqualTo(404);
		assertThat(theirs.get("/api/v1/contacts/" + id + "/export").status()).isEqualTo(404);
		assertThat(theirs.post("/api/v1/contacts/" + id + "/erase", "").status()).isEqualTo(404);
		assertThat(theirs.get("/api/v1/contacts/fields").body().get("data")).isEmpty();
		// A read-only key cannot write.
		Api readOnly = fixtures.api(owner, "contacts:read");
		assertThat(readOnly.patch("/api/v1/contacts/" + id, "{\"firstName\":\"Eve\"}").status()).isEqualTo(403);
		Tenant viewer = new Tenant(owner.workspaceId(), owner.userId(), WorkspaceRole.VIEWER, Set.of(), null);
		assertThatThrownBy(() -> contacts.update(viewer, java.util.UUID.fromString(id), java.util.Map.of()))
			.isInstanceOf(AccessDeniedProblem.class);
		assertThat(api.get("/api/v1/contacts/" + id).body().get("firstName").asText()).isEmpty();
	}

}
