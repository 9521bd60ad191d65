package com.penguinmails.library;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The library's page forms (Post/Redirect/Get): save a workspace template, copy a library
 * template, delete an own entry; bad input gets the page's words, never a 500.
 */
@IntegrationTest
class LibraryPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Templates templates;

	@Autowired
	Library library;

	@Test
	void savesAWorkspaceTemplateShowsItAsYoursAndDeletesIt() throws Exception {
		Account account = fixtures.verifiedAccount("library-pages");
		EmailTemplate template = templates.create(account.owner(),
				new Templates.Draft("Autumn note", "Hello {{ first_name | default: \"there\" }}",
						"<p>Hi {{ first_name | default: \"there\" }}, a short note.</p>", null));
		WebSession web = fixtures.signedIn(account);
		assertThat(web.get("/library").getResponse().getContentAsString()).contains("Save to library")
			.contains("Autumn note");

		MvcResult saved = web.post("/library/saved-templates", "templateId", template.id().toString(), "category",
				"webinar", "slug", "");
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/library/templates/autumn-note");
		assertThat(saved.getFlashMap().get("notice")).isEqualTo("Saved \"Autumn note\" to your library.");
		String page = web.get("/library/templates/autumn-note").getResponse().getContentAsString();
		assertThat(page).contains("Yours").contains("Hi Ada, a short note.").contains("Delete from library");
		assertThat(web.get("/library?q=autumn").getResponse().getContentAsString()).contains("1 entry")
			.contains("Yours");

		MvcResult again = web.post("/library/saved-templates", "templateId", template.id().toString(), "category",
				"webinar", "slug", "autumn-note");
		assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/library");
		assertThat((String) again.getFlashMap().get("error")).contains("slug autumn-note");

		MvcResult deleted = web.post("/library/templates/autumn-note/delete");
		assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/library");
		assertThat(web.get("/library/templates/autumn-note").getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void copiesALibraryTemplateToTheWorkspaceTemplates() throws Exception {
		Account account = fixtures.verifiedAccount("library-pages-copy");
		WebSession web = fixtures.signedIn(account);
		MvcResult copied = web.post("/library/templates/meeting-coffee/copy");
		assertThat(copied.getResponse().getRedirectedUrl()).startsWith("/templates/");
		assertThat(copied.getFlashMap().get("notice")).isEqualTo("Copied to your templates as \"Coffee chat\".");
		UUID id = UUID.fromString(copied.getResponse().getRedirectedUrl().substring("/templates/".length()));
		assertThat(templates.get(account.owner(), id).html())
			.startsWith("<p>Hi {{ first_name | default: \"there\" }},</p>");
	}

	@Test
	void badInputGetsWordsNotAServerError() throws Exception {
		Account account = fixtures.verifiedAccount("library-pages-bad");
		WebSession web = fixtures.signedIn(account);
		MvcResult badFilter = web.get("/library?category=spam&kind=sequence");
		assertThat(badFilter.getResponse().getStatus()).isEqualTo(200);
		assertThat(badFilter.getResponse().getContentAsString()).contains("Unknown category");

		MvcResult badSave = web.post("/library/saved-templates", "templateId", "not-an-id", "category", "webinar");
		assertThat(badSave.getFlashMap().get("error")).isEqualTo("Choose one of your templates and a category.");
		MvcResult unknownTemplate = web.post("/library/saved-templates", "templateId", UUID.randomUUID().toString(),
				"category", "webinar");
		assertThat(unknownTemplate.getFlashMap().get("error")).isEqualTo("Template not found.");

		assertThat(web.get("/library/letters/cold-one-liner").getResponse().getStatus()).isEqualTo(404);
		MvcResult useUnknown = web.post("/library/sequences/no-such-sequence/use");
		assertThat(useUnknown.getFlashMap().get("error")).isEqualTo("Library sequence not found.");
		MvcResult deleteShipped = web.post("/library/sequences/cold-classic-four/delete");
		assertThat(deleteShipped.getFlashMap().get("error")).isEqualTo("Your library sequence not found.");
	}

	@Test
	void aViewerReadsTheLibraryButCannotUseIt() throws Exception {
		Account owner = fixtures.verifiedAccount("library-pages-owner");
		Account viewer = fixtures.verifiedAccount("library-pages-viewer");
		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		Tenant asViewer = new Tenant(owner.workspaceId(), viewer.userId(), WorkspaceRole.VIEWER, Set.of(), null);
		assertThat(library.search(asViewer, Library.Query.all())).isNotEmpty();
		assertThatThrownBy(() -> library.use(asViewer, LibraryKind.TEMPLATE, "cold-one-liner"))
			.isInstanceOf(AccessDeniedProblem.class);
		assertThatThrownBy(() -> library.delete(asViewer, LibraryKind.TEMPLATE, "cold-one-liner"))
			.isInstanceOf(AccessDeniedProblem.class);
	}

}
