package com.penguinmails.contacts;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.UnknownIdsProblem;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class ContactBulkJobsTests {

	@Autowired
	ContactBulkJobs jobs;

	@Autowired
	ContactBulkWorker worker;

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	Suppressions suppressions;

	@Autowired
	CustomFields fields;

	@Autowired
	Fixtures fixtures;

	Account account;

	Instant now = Instant.now();

	@BeforeEach
	void account() {
		account = fixtures.verifiedAccount("bulk");
	}

	@Test
	void tagsEveryContactMatchingAFilterInBatchesWithCountsChangesAndAnAuditEntry() {
		generate(account.workspaceId(), 3000, 2500);
		ContactBulkJob started = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.TAG_ADD, " Hot ", null, filterTag("lead")), now);
		assertThat(started.status()).isEqualTo(BulkJobStatus.QUEUED);
		assertThat(started.total()).isEqualTo(2500);
		assertThat(started.selection()).isEqualTo("contacts matching tag lead");

		drain();

		ContactBulkJob done = jobs.get(account.owner(), started.id());
		assertThat(done.status()).isEqualTo(BulkJobStatus.DONE);
		assertThat(done.done()).isEqualTo(2500);
		assertThat(done.skipped()).isZero();
		assertThat(done.progressText()).isEqualTo("2,500 tagged.");
		assertThat(countTagged(account.workspaceId(), "hot")).isEqualTo(2500);
		assertThat(changes(started.id(), "tag_added")).isEqualTo(2500);
		fixtures.awaitEvents("AuditRecorder");
		assertThat(audit(account.workspaceId(), "contacts.bulk.tag_added")).singleElement()
			.asString()
			.contains("“hot”")
			.contains("2,500 contacts: contacts matching tag lead");

		// Again: nobody changes, all are skipped.
		ContactBulkJob again = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.TAG_ADD, "hot", null, filterTag("lead")), now);
		drain();
		assertThat(jobs.get(account.owner(), again.id()).skipped()).isEqualTo(2500);
	}

	@Test
	void aSmallSelectionRunsAtOnceAndListsAndTagsComeAndGo() {
		Contact ada = add("ada@analytical.test", List.of("lead"));
		Contact bob = add("bob@builder.test", List.of());
		UUID list = segments.createList(account.owner(), "Prospects").id();

		ContactBulkJob joined = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.LIST_ADD, list.toString(), List.of(ada.id(), bob.id()), null),
				now);
		assertThat(joined.status()).isEqualTo(BulkJobStatus.DONE);
		assertThat(joined.done()).isEqualTo(2);
		assertThat(joined.valueLabel()).isEqualTo("Prospects");
		assertThat(segments.listMemberIds(account.owner(), list)).containsExactlyInAnyOrder(ada.id(), bob.id());
		assertThat(changes(joined.id(), "list_added")).isEqualTo(2);

		ContactBulkJob left = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.LIST_REMOVE, list.toString(), List.of(bob.id()), null), now);
		assertThat(left.done()).isEqualTo(1);
		assertThat(segments.listMemberIds(account.owner(), list)).containsExactly(ada.id());

		ContactBulkJob untagged = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.TAG_REMOVE, "LEAD", List.of(ada.id(), bob.id()), null), now);
		assertThat(untagged.done()).isEqualTo(1);
		assertThat(untagged.skipped()).isEqualTo(1);
		assertThat(contacts.get(account.owner(), ada.id()).tags()).isEmpty();
		assertThat(changes(untagged.id(), "tag_removed")).isEqualTo(1);
	}

	@Test
	void aStatusThatStopsMailSuppressesTheAddressesAsAnUpdateDoes() {
		Contact ada = add("ada@analytical.test", List.of());
		Contact bob = add("bob@builder.test", List.of());
		ContactBulkJob job = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.STATUS, "unsubscribed", List.of(ada.id(), bob.id()), null), now);
		assertThat(job.done()).isEqualTo(2);
		assertThat(contacts.get(account.owner(), ada.id()).status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
		assertThat(suppressions.isSuppressed(account.workspaceId(), "ada@analytical.test")).isTrue();
		assertThat(suppressions.isSuppressed(account.workspaceId(), "bob@builder.test")).isTrue();
		// Recorded once per contact, by Contacts.update, as the member who started the
		// job.
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM contact_changes WHERE contact_id IN (?, ?) AND kind = 'status'"
					+ " AND actor_user_id = ?")
			.params(ada.id(), bob.id(), account.owner().userId())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aJobWhoseWorkerDiedGoesOnFromItsLastIdOnceItsLeaseRunsOut() {
		generate(account.workspaceId(), 2500, 2500);
		ContactBulkJob job = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.TAG_ADD, "resumed", null, filterTag("lead")), now);
		List<UUID> firstBatch = fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? ORDER BY id LIMIT 1000")
			.param(account.workspaceId())
			.query(UUID.class)
			.list();
		// A node claimed it, committed one batch (counted, not applied here) and died.
		fixtures.jdbc()
			.sql("""
					UPDATE contact_bulk_jobs SET status = 'running', last_id = ?, done = 1000, started_at = ?,
					    lease_until = ? WHERE id = ?""")
			.params(firstBatch.get(999), java.sql.Timestamp.from(now), java.sql.Timestamp.from(now.plusSeconds(60)),
					job.id())
			.update();
		// Its lease still holds: nobody takes it.
		drain();
		assertThat(jobs.get(account.owner(), job.id()).status()).isEqualTo(BulkJobStatus.RUNNING);

		Instant later = now.plus(Duration.ofMinutes(2));
		while (worker.step(later)) {
			// Drains every waiting job.
		}
		ContactBulkJob done = jobs.get(account.owner(), job.id());
		assertThat(done.status()).isEqualTo(BulkJobStatus.DONE);
		assertThat(done.done()).isEqualTo(2500);
		assertThat(countTagged(account.workspaceId(), "resumed")).isEqualTo(1500);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM contacts WHERE id = ANY (?) AND 'resumed' = ANY (tags)")
			.param(firstBatch.toArray(UUID[]::new))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aCancelledJobStopsAndAnEndedOneCannotBeCancelled() {
		generate(account.workspaceId(), 1500, 1500);
		ContactBulkJob job = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.DELETE, null, null, filterTag("lead")), now);
		assertThat(jobs.cancel(account.owner(), job.id(), now).status()).isEqualTo(BulkJobStatus.CANCELLED);
		drain();
		assertThat(contacts.count(account.owner())).isEqualTo(1500);
		assertThatThrownBy(() -> jobs.cancel(account.owner(), job.id(), now))
			.isInstanceOfSatisfying(InvalidInputProblem.class, p -> assertThat(p.type()).endsWith("job-over"));
	}

	@Test
	void deleteErasesTheSelectionAndTheAuditLogSaysSo() {
		Contact ada = add("ada@analytical.test", List.of());
		Contact bob = add("bob@builder.test", List.of());
		ContactBulkJob job = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.DELETE, null, List.of(ada.id()), null), now);
		assertThat(job.done()).isEqualTo(1);
		assertThat(contacts.byIds(account.owner(), List.of(ada.id(), bob.id()))).containsOnlyKeys(bob.id());
		fixtures.awaitEvents("AuditRecorder");
		assertThat(audit(account.workspaceId(), "contacts.bulk.deleted")).singleElement()
			.asString()
			.startsWith("erased — 1 contacts: 1 selected contact");
	}

	@Test
	void anExportHoldsEveryFieldTagAndListAndDisarmsFormulas() throws Exception {
		fields.define(account.owner(), "seats", "number");
		Contact ada = contacts.create(account.owner(), new NewContact("ada@analytical.test", "Ada", "Lovelace",
				"=HYPERLINK(\"http://evil.test\")", "CTO", "", "", "", "", "UK", Map.of("seats", 12), List.of("lead")));
		UUID list = segments.createList(account.owner(), "Prospects").id();
		segments.addToList(account.owner(), list, List.of(ada.id()));
		add("bob@builder.test", List.of());
		ContactBulkJob job = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.EXPORT, null, null, filterTag("lead")), now);
		assertThat(job.downloadable()).isTrue();
		List<String> lines = Files.readAllLines(jobs.exportFile(account.owner(), job.id()));
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("email,first_name,last_name,company,").endsWith(",custom.seats");
		assertThat(lines.get(1))
			.startsWith("ada@analytical.test,Ada,Lovelace,\"'=HYPERLINK(\"\"http://evil.test\"\")\"")
			.contains(",lead,Prospects,")
			.endsWith(",12");
		// Another workspace cannot reach the file.
		Account stranger = fixtures.verifiedAccount("bulk-stranger");
		assertThatThrownBy(() -> jobs.exportFile(stranger.owner(), job.id())).isInstanceOf(NotFoundProblem.class);
	}

	@Test
	void idsOfAnotherWorkspaceAndViewersAreRefused() {
		Account stranger = fixtures.verifiedAccount("bulk-stranger");
		Contact theirs = contacts.create(stranger.owner(),
				new NewContact("eve@elsewhere.test", "", "", "", "", "", "", "", "", "", Map.of(), List.of()));
		Contact mine = add("ada@analytical.test", List.of());
		assertThatThrownBy(() -> jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.TAG_ADD, "x", List.of(mine.id(), theirs.id()), null), now))
			.isInstanceOfSatisfying(UnknownIdsProblem.class,
					p -> assertThat(p.unknownIds()).containsExactly(theirs.id()));
		assertThat(contacts.get(stranger.owner(), theirs.id()).tags()).isEmpty();
		ContactBulkJob job = jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.TAG_ADD, "x", List.of(mine.id()), null), now);
		assertThatThrownBy(() -> jobs.get(stranger.owner(), job.id())).isInstanceOf(NotFoundProblem.class);
		Tenant viewer = new Tenant(account.workspaceId(), account.userId(), WorkspaceRole.VIEWER, Set.of(), null);
		assertThatThrownBy(() -> jobs.start(viewer,
				new ContactBulkJobs.Request(BulkAction.TAG_ADD, "x", List.of(mine.id()), null), now))
			.isInstanceOf(AccessDeniedProblem.class);
		assertThatThrownBy(() -> jobs.start(account.owner(), new ContactBulkJobs.Request(BulkAction.LIST_ADD,
				UUID.randomUUID().toString(), List.of(mine.id()), null), now))
			.isInstanceOf(UnknownIdsProblem.class);
		assertThatThrownBy(() -> jobs.start(account.owner(),
				new ContactBulkJobs.Request(BulkAction.STATUS, "gone", List.of(mine.id()), null), now))
			.isInstanceOf(InvalidInputProblem.class);
	}

	private void drain() {
		while (worker.step(now)) {
			// Runs every waiting job (another test's too).
		}
	}

	private Contact add(String email, List<String> tags) {
		return contacts.create(account.owner(),
				new NewContact(email, "", "", "", "", "", "", "", "", "", Map.of(), tags));
	}

	private static ContactFilter filterTag(String tag) {
		return new ContactFilter(null, null, tag, null, null);
	}

	/** {@code count} contacts, the first {@code leads} tagged lead. */
	private void generate(UUID workspaceId, int count, int leads) {
		fixtures.jdbc().sql("""
				INSERT INTO contacts (id, workspace_id, email, tags)
				SELECT gen_random_uuid(), ?, 'person' || g || '@generated.test',
				    CASE WHEN g <= ? THEN ARRAY['lead'] ELSE '{}'::text[] END
				FROM generate_series(1, ?) g""").params(workspaceId, leads, count).update();
	}

	private long countTagged(UUID workspaceId, String tag) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM contacts WHERE workspace_id = ? AND ? = ANY (tags)")
			.params(workspaceId, tag)
			.query(Long.class)
			.single();
	}

	private long changes(UUID jobId, String kind) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM contact_changes WHERE job_id = ? AND kind = ?")
			.params(jobId, kind)
			.query(Long.class)
			.single();
	}

	private List<String> audit(UUID workspaceId, String action) {
		return fixtures.jdbc()
			.sql("SELECT target FROM audit_events WHERE workspace_id = ? AND action = ?")
			.params(workspaceId, action)
			.query(String.class)
			.list();
	}

}
