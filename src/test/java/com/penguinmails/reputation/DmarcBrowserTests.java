package com.penguinmails.reputation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DMARC pages in a real browser at 1280 and 390 px: the empty state of a new
 * workspace; an upload and the reports mailbox set through the forms; the file log with a
 * malformed file; one domain's pass rates, recommendation, fixes and sources.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class DmarcBrowserTests {

	static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	DmarcReports reports;

	ChromeDriver browser;

	@Test
	void aNewWorkspaceSaysWhatToDoFirst() {
		Fixtures.Account account = fixtures.verifiedAccount("dmarc-empty");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/reputation/dmarc");

		assertThat(browser.findElement(By.id("dmarc-domains")).getText()).contains("No domain and no report yet");
		assertThat(browser.findElement(By.id("dmarc-file-log")).getText()).contains("No report file yet");
		Browser.screenshot(browser, "dmarc-empty-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "dmarc-empty-390");
		Browser.assertNoSidewaysScroll(browser);
	}

	@Test
	void uploadsReportsAndShowsADomainsView() throws Exception {
		InboundFixtures.Sender sender = inbound.sender("dmarc-browser");
		String email = sender.mailbox().email();
		String domain = email.substring(email.indexOf('@') + 1);
		reports.upload(sender.account().owner(), fifteenDays(domain));
		Path upload = Files.createTempFile("google.com!" + domain + "!", ".xml");
		Files.writeString(upload, DmarcTestReports.xml("google.com", "today", domain, "none", TODAY,
				DmarcTestReports.Row.of("127.0.0.1", 25, "pass", "pass")));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		browser.get(base + "/reputation/dmarc");
		browser.findElement(By.id("dmarc-files")).sendKeys(upload.toString());
		browser.findElement(By.cssSelector("#dmarc-upload button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "1 report stored"));
		new Select(browser.findElement(By.id("dmarc-mailbox"))).selectByVisibleText(email);
		browser.findElement(By.id("dmarc-folder")).sendKeys("DMARC");
		browser.findElement(By.cssSelector("#dmarc-place button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dmarc-places"), "Folder DMARC"));
		assertThat(browser.findElement(By.id("dmarc-files-table")).getText()).contains("Malformed")
			.contains("broken.xml")
			.contains("Duplicate");
		assertThat(browser.findElement(By.id("dmarc-domain-table")).getText()).contains(domain).contains("p=none");
		Browser.screenshot(browser, "dmarc-list-1280");
		browser.executeScript("document.getElementById('dmarc-file-log').scrollIntoView()");
		Browser.screenshot(browser, "dmarc-list-log-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "dmarc-list-390");
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "dmarc-domain-table", "dmarc-files-table");
		browser.executeScript("document.getElementById('dmarc-file-log').scrollIntoView()");
		Browser.screenshot(browser, "dmarc-list-log-390");

		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
		browser.executeScript("window.scrollTo(0, 0)");
		browser.findElement(By.linkText(domain)).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dmarc-recommendation")));
		assertThat(browser.findElement(By.id("dmarc-recommendation")).getText())
			.contains("Safe to move to p=quarantine")
			.contains("no unknown source")
			.contains("our servers passed 100.0% of their 625 messages")
			.contains("16 of the last 30 days had reports at p=none");
		assertThat(browser.findElement(By.id("dmarc-record-text")).getText()).startsWith("v=DMARC1; p=quarantine");
		assertThat(browser.findElement(By.id("dmarc-fix-table")).getText())
			.contains("DKIM fails, SPF fails, DMARC fails");
		assertThat(browser.findElement(By.id("dmarc-fix-table")).getText()).contains("203.0.113.5")
			.contains("Not one of our servers");
		assertThat(browser.findElement(By.id("dmarc-sources")).getText()).contains("Our servers")
			.contains("Forwarders")
			.contains("198.51.100.7")
			.contains("private address");
		Browser.screenshot(browser, "dmarc-domain-1280");
		browser.executeScript("document.getElementById('dmarc-fixes').scrollIntoView()");
		Browser.screenshot(browser, "dmarc-domain-fixes-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "dmarc-domain-390");
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "dmarc-fix-table", "dmarc-sources-ours", "dmarc-sources-other");
		browser.executeScript("document.getElementById('dmarc-fixes').scrollIntoView()");
		Browser.screenshot(browser, "dmarc-domain-fixes-390");
	}

	@Test
	void aMonthOfFilesUploadsTooManySaysTheLimitOnThePageAndTheLogIsPaged() throws Exception {
		InboundFixtures.Sender sender = inbound.sender("dmarc-browser-many");
		String email = sender.mailbox().email();
		String domain = email.substring(email.indexOf('@') + 1);
		Path dir = Files.createTempDirectory("dmarc-many");
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < 520; i++) {
			Path file = dir.resolve("google.com!" + domain + "!" + i + ".xml");
			Files.writeString(file, DmarcTestReports.xml("google.com", "m-" + i, domain, "none",
					TODAY.minusDays(i % 30), DmarcTestReports.Row.of("127.0.0.1", 4, "pass", "pass")));
			paths.add(file.toString());
		}
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

		// 60 files: more than the 49 Tomcat's default part count let through.
		browser.get(base + "/reputation/dmarc");
		browser.findElement(By.id("dmarc-files")).sendKeys(String.join("\n", paths.subList(0, 60)));
		browser.findElement(By.cssSelector("#dmarc-upload button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "60 reports stored"));
		assertThat(browser.findElements(By.cssSelector("#dmarc-files-table tbody tr"))).hasSize(20);
		assertThat(browser.findElement(By.id("dmarc-file-count")).getText()).contains("60 files in the log");
		browser.findElement(By.id("dmarc-older-files")).click();
		wait.until(ExpectedConditions.urlContains("cursor="));
		assertThat(browser.findElements(By.cssSelector("#dmarc-files-table tbody tr"))).hasSize(20);
		assertThat(browser.findElement(By.id("dmarc-file-log")).getText()).contains("Newest files");

		// 520 files: over the documented limit of 500; the page says so, nothing is
		// stored.
		browser.get(base + "/reputation/dmarc");
		browser.findElement(By.id("dmarc-files")).sendKeys(String.join("\n", paths));
		browser.findElement(By.cssSelector("#dmarc-upload button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "at most 500 report files"));
		assertThat(browser.getPageSource()).doesNotContain("Maximum upload size exceeded");
		assertThat(browser.findElement(By.id("dmarc-file-count")).getText()).contains("60 files in the log");
		Browser.screenshot(browser, "dmarc-too-many-1280");
		browser.executeScript("document.getElementById('dmarc-file-log').scrollIntoView()");
		Browser.screenshot(browser, "dmarc-paged-log-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "dmarc-files-table");
		browser.executeScript("document.getElementById('dmarc-file-log').scrollIntoView()");
		Browser.screenshot(browser, "dmarc-paged-log-390");
		assertThat((Long) browser.executeScript("return document.documentElement.scrollHeight")).isLessThan(12000L);
	}

	/**
	 * Fifteen days of Google's reports: our server (the mailbox's SMTP host) passing, a
	 * forwarder, someone spoofing; one report twice, and a broken file.
	 */
	private static List<DmarcReports.UploadedFile> fifteenDays(String domain) {
		List<DmarcReports.UploadedFile> files = new ArrayList<>();
		for (int d = 1; d <= 15; d++) {
			String xml = DmarcTestReports.xml("google.com", "g-" + d, domain, "none", TODAY.minusDays(d),
					DmarcTestReports.Row.of("127.0.0.1", 40, "pass", "pass"),
					DmarcTestReports.Row.of("198.51.100.7", 3, "pass", "fail"),
					DmarcTestReports.Row.of("203.0.113.5", 2, "fail", "fail"));
			files.add(new DmarcReports.UploadedFile("google-" + d + ".xml.gz", DmarcTestReports.gzip(xml)));
			if (d == 1) {
				files.add(new DmarcReports.UploadedFile("google-1-again.xml", xml.getBytes(StandardCharsets.UTF_8)));
			}
		}
		files.add(new DmarcReports.UploadedFile("broken.xml", "<feedback>".getBytes(StandardCharsets.UTF_8)));
		return files;
	}

}
