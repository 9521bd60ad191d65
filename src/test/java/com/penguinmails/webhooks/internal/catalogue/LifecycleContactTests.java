package com.penguinmails.webhooks.internal.catalogue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.audit.Privacy;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactCreated;
import com.penguinmails.contacts.ContactErased;
import com.penguinmails.contacts.ContactImports;
import com.penguinmails.contacts.ContactUpdated;
import com.penguinmails.contacts.ContactsChanged;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.ImportFinished;
import com.penguinmails.contacts.ImportStatus;
import com.penguinmails.contacts.Segments;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.PublishedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts' lifecycle: created and updated through the API, list membership, the GDPR
 * erasure and a CSV import, each published once per change; the catalogue's events carry
 * the address while the contact exists and never after its erasure.
 */
@IntegrationTest
class LifecycleContactTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	Privacy privacy;

	@Autowired
	ContactImports imports;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	ObjectMapper json;

	@Test
	void createUpdateAndListChangesPublishOnceWithTheFieldNames() throws Exception {
		Account account = fixtures.verifiedAccount("lifecycle-contact");
		LifecycleLog log = new LifecycleLog(fixtures.jdbc(), json);
		log.subscribeAll(account.workspaceId());
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		UUID id;
		try (PublishedEvents published = PublishedEvents.record(context)) {
			Api.Response created = api.post("/api/v1/contacts",
					"{\"email\": \"grace@navy.test\", \"firstName\": \"Grace\", \"company\": \"Navy\"}");
			assertThat(created.status()).isEqualTo(201);
			id = UUID.fromString(created.body().get("id").asText());
			String path = "/api/v1/contacts/" + id;
			assertThat(api.patch(path, "{\"company\": \"Harvard\", \"title\": \"Rear Admiral\"}").status())
				.isEqualTo(200);
			assertThat(api.patch(path, "{\"company\": \"Harvard\"}").status()).as("nothing changes").isEqualTo(200);
			UUID list = segments.createList(account.owner(), "Pioneers " + UUID.randomUUID()).id();
			assertThat(segments.addToList(account.owner(), list, List.of(id))).isEqualTo(1);
			assertThat(segments.addToList(account.owner(), list, List.of(id))).as("already a member").isZero();

			assertThat(published.stream(ContactCreated.class).filter(e -> e.contactId().equals(id))).hasSize(1);
			assertThat(published.stream(ContactUpdated.class)
				.filter(e -> e.contactId().equals(id))
				.map(ContactUpdated::fields)).containsExactly(List.of("company", "title"));
			assertThat(published.stream(ContactsChanged.class).filter(e -> e.updated().contains(id))).singleElement()
				.satisfies(e -> assertThat(e.fields()).containsExactly("lists"));
		}
		LifecycleLog.Stored created = log.await(account.workspaceId(), "contact.created", 1).get(0);
		assertThat(created.orderingKey()).isEqualTo(id.toString());
		assertThat(created.dedupeKey()).isEqualTo("contact.created:" + id);
		assertThat(created.data().get("contact").get("email").asText()).isEqualTo("grace@navy.test");
		List<LifecycleLog.Stored> updated = log.await(account.workspaceId(), "contact.updated", 2);
		assertThat(updated.stream().map(event -> event.data().get("changed_fields").toString()))
			.containsExactlyInAnyOrder("[\"company\",\"title\"]", "[\"lists\"]");
		assertThat(updated).allSatisfy(event -> assertThat(event.orderingKey()).isEqualTo(id.toString()));
	}

	@Test
	void anErasureCarriesTheIdAlone() {
		Account account = fixtures.verifiedAccount("lifecycle-erasure");
		LifecycleLog log = new LifecycleLog(fixtures.jdbc(), json);
		log.subscribeAll(account.workspaceId());
		Contact ada = contacts.create(account.owner(), new Contacts.NewContact("ada@erase.test", "Ada", "Lovelace", "",
				"", "", "", "", "", "", Map.of(), List.of()));
		try (PublishedEvents published = PublishedEvents.record(context)) {
			privacy.erase(account.owner(), ada.id(), "127.0.0.1");

			assertThat(published.stream(ContactErased.class).filter(e -> e.contactId().equals(ada.id()))).hasSize(1);
		}
		LifecycleLog.Stored erased = log.await(account.workspaceId(), "contact.erased", 1).get(0);
		assertThat(erased.orderingKey()).isEqualTo(ada.id().toString());
		assertThat(erased.data().get("contact").size()).isEqualTo(1);
		assertThat(erased.payload().toString()).doesNotContain("ada@erase.test").doesNotContain("Lovelace");
	}

	@Test
	void anImportPublishesItsContactsAndItsCountsOnce() throws Exception {
		Account account = fixtures.verifiedAccount("lifecycle-import");
		LifecycleLog log = new LifecycleLog(fixtures.jdbc(), json);
		log.subscribeAll(account.workspaceId());
		UUID old = contacts
			.create(account.owner(),
					new Contacts.NewContact("old@import.test", "Old", "", "", "", "", "", "", "", "", Map.of(),
							List.of()))
			.id();
		UUID skipping;
		UUID updating;
		try (PublishedEvents published = PublishedEvents.record(context)) {
			skipping = run(account, "email,first_name\nnew@import.test,New\nold@import.test,Olga\nnot an address,Bad\n",
					false);
			updating = run(account, "email,first_name\nold@import.test,Olga\n", true);

			assertThat(published.stream(ImportFinished.class).filter(e -> e.importId().equals(skipping)))
				.singleElement()
				.satisfies(e -> {
					assertThat(e.status()).isEqualTo(ImportStatus.DONE);
					assertThat(List.of(e.imported(), e.updated(), e.skipped(), e.failed())).containsExactly(1L, 0L, 1L,
							1L);
				});
			assertThat(published.stream(ContactsChanged.class).filter(e -> skipping.equals(e.importId())))
				.singleElement()
				.satisfies(e -> {
					assertThat(e.created()).hasSize(1).doesNotContain(old);
					assertThat(e.updated()).isEmpty();
				});
			assertThat(published.stream(ContactsChanged.class).filter(e -> updating.equals(e.importId())))
				.singleElement()
				.satisfies(e -> {
					assertThat(e.created()).isEmpty();
					assertThat(e.updated()).containsExactly(old);
					assertThat(e.fields()).containsExactly("firstName");
				});
		}
		List<LifecycleLog.Stored> finished = log.await(account.workspaceId(), "import.finished", 2);
		assertThat(finished.stream().map(LifecycleLog.Stored::dedupeKey))
			.containsExactlyInAnyOrder("import.finished:" + skipping, "import.finished:" + updating);
		assertThat(finished).allSatisfy(event -> assertThat(event.orderingKey()).isNull());
		LifecycleLog.Stored created = log.await(account.workspaceId(), "contact.created", 2).get(1);
		assertThat(created.data().get("import").get("id").asText()).isEqualTo(skipping.toString());
		assertThat(created.data().get("contact").get("email").asText()).isEqualTo("new@import.test");
		assertThat(log.await(account.workspaceId(), "contact.updated", 1).get(0).data().get("changed_fields"))
			.hasToString("[\"firstName\"]");
	}

	/** Runs an import of {@code rows} in this thread; returns its id. */
	private UUID run(Account account, String rows, boolean update) throws Exception {
		Path csv = Files.createTempFile("lifecycle", ".csv");
		try {
			Files.writeString(csv, rows, StandardCharsets.UTF_8);
			return imports.runNow(account.owner(), csv, new ContactImports.Options(',', update, Map.of())).id();
		}
		finally {
			Files.deleteIfExists(csv);
		}
	}

}
