package com.penguinmails.analytics;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled reports page's forms: a bad field is said on the page and nothing is
 * saved; a viewer sees the schedules without the form and may not change them; the form
 * needs its CSRF token.
 */
@IntegrationTest
class ReportSchedulesPageTests {

	@Autowired
	Fixtures fixtures;

	@Test
	void aBadTimeIsSaidOnThePageAndNothingIsSaved() throws Exception {
		Account owner = fixtures.verifiedAccount("reports-page-bad");
		WebSession session = fixtures.signedIn(owner);
		MvcResult result = session.post("/analytics/reports", "name", "Bad time", "view", "overview", "period",
				"last_day", "format", "csv", "cadence", "daily", "dayOfWeek", "1", "dayOfMonth", "1", "time", "25:00",
				"recipients", owner.userId().toString());
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/analytics/reports");
		assertThat((String) result.getFlashMap().get("error")).contains("time is a local time HH:MM");
		String page = session.get("/analytics/reports").getResponse().getContentAsString();
		assertThat(page).contains("No scheduled report yet").doesNotContain("Bad time");
	}

	@Test
	void aViewerSeesTheSchedulesButNotTheFormAndMayNotChangeThem() throws Exception {
		Account owner = fixtures.verifiedAccount("reports-page-owner");
		Account viewer = fixtures.verifiedAccount("reports-page-viewer");
		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		WebSession ownerSession = fixtures.signedIn(owner);
		ownerSession.post("/analytics/reports", "name", "Shared daily", "view", "funnel", "period", "last_day",
				"format", "csv", "cadence", "daily", "dayOfWeek", "1", "dayOfMonth", "1", "time", "06:45", "recipients",
				owner.userId().toString(), "recipients", viewer.userId().toString());

		WebSession session = fixtures.signedIn(viewer);
		session.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		String page = session.get("/analytics/reports").getResponse().getContentAsString();
		assertThat(page).contains("Shared daily")
			.contains("Every day at 06:45")
			.doesNotContain("id=\"report-form\"")
			.doesNotContain("Send now");
		MvcResult refused = session.post("/analytics/reports", "name", "Not allowed", "view", "overview", "period",
				"last_day", "format", "csv", "cadence", "daily", "time", "08:00", "recipients",
				viewer.userId().toString());
		assertThat((String) refused.getFlashMap().get("error")).contains("member role");
	}

}
