package com.penguinmails.analytics;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled reports page in a real browser at 1280 and 390 px: reached from the
 * analytics page, a weekly report scheduled for two members through the form, its next
 * run in the workspace's local time, sent now with its history, paused; a bad time said
 * on the page.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ReportSchedulesBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	/** Waits for the page after a form's redirect to say {@code text}. */
	void notice(String text) {
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), text));
	}

	@Test
	void scheduleAWeeklyReportSendItNowAndPauseIt() {
		Fixtures.Account owner = fixtures.verifiedAccount("reports-page");
		Fixtures.Account colleague = fixtures.verifiedAccount("reports-colleague");
		fixtures.join(owner, colleague, WorkspaceRole.MEMBER);
		fixtures.jdbc().sql("UPDATE users SET time_zone = 'Europe/Paris' WHERE id = ?").param(owner.userId()).update();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, owner.email());

		browser.get(base + "/analytics");
		browser.findElement(By.id("analytics-reports-link")).click();
		assertThat(browser.getCurrentUrl()).isEqualTo(base + "/analytics/reports");
		assertThat(browser.findElement(By.id("reports-zone")).getText()).isEqualTo("Europe/Paris");
		assertThat(browser.findElement(By.id("report-schedules")).getText()).contains("No scheduled report yet");
		Browser.screenshot(browser, "reports-empty-1280");

		browser.findElement(By.id("report-name")).sendKeys("Monday overview");
		new Select(browser.findElement(By.id("report-view"))).selectByVisibleText("Overview");
		new Select(browser.findElement(By.id("report-cadence"))).selectByVisibleText("Every week");
		new Select(browser.findElement(By.id("report-day-of-week"))).selectByVisibleText("Monday");
		browser.executeScript("arguments[0].value = '07:30'", browser.findElement(By.id("report-time")));
		WebElement colleagueBox = browser
			.findElement(By.cssSelector("#report-recipients input[value='" + colleague.userId() + "']"));
		colleagueBox.click();
		assertThat(browser.findElement(By.cssSelector("#report-recipients input[value='" + owner.userId() + "']"))
			.isSelected()).isTrue();
		browser.findElement(By.id("report-save")).click();

		notice("Scheduled \"Monday overview\"");
		WebElement schedule = browser.findElement(By.cssSelector(".report-schedule"));
		assertThat(schedule.findElement(By.cssSelector(".report-when")).getText()).isEqualTo("Every Monday at 07:30");
		assertThat(schedule.findElement(By.cssSelector(".report-next")).getText()).startsWith("Mon ").endsWith("07:30");
		assertThat(schedule.findElement(By.cssSelector(".report-to")).getText()).contains(owner.email())
			.contains(colleague.email());
		assertThat(schedule.getText()).contains("The 7 days before").doesNotContain("last_7_days");

		long before = fixtures.mailsTo(colleague.email());
		schedule.findElement(By.cssSelector(".report-send-now")).click();
		// The last complete period, said (today's activity is in tomorrow's report).
		notice("(the last complete period) to 2 members.");
		assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith("Sent the report of ");
		assertThat(fixtures.mailsTo(colleague.email())).isEqualTo(before + 1);
		WebElement history = browser.findElement(By.cssSelector(".report-runs"));
		assertThat(history.getText()).contains("Sent").contains("attached").contains("sent by hand");
		Browser.screenshot(browser, "reports-1280");
		browser.executeScript("document.getElementById('report-new').scrollIntoView()");
		Browser.screenshot(browser, "reports-form-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "reports-390");
		browser.executeScript("document.getElementById('report-new').scrollIntoView()");
		Browser.screenshot(browser, "reports-form-390");
		Browser.assertNoSidewaysScroll(browser);
		String id = browser.findElement(By.cssSelector(".report-schedule")).getAttribute("id").substring(9);
		Browser.assertTablesFit(browser, "runs-" + id);

		WebElement pause = browser.findElement(By.cssSelector(".report-pause"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", pause);
		pause.click();
		notice("Paused \"Monday overview\"");
		assertThat(browser.findElement(By.cssSelector(".report-next")).getText()).isEqualTo("Paused");
		assertThat(browser.findElement(By.cssSelector(".report-pause")).getText()).isEqualTo("Resume");
	}

}
