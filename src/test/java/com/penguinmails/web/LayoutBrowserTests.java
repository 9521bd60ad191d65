package com.penguinmails.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main page in the one layout, at 1280 and 390 px wide: it never scrolls sideways
 * on a phone, and a full-page screenshot of each is kept under
 * {@code target/screenshots/layout-*} for people to look at. A new workspace's list pages
 * say what the thing is and what to do first (empty states).
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class LayoutBrowserTests {

	static final int[] WIDTHS = { 1280, 390 };

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	ChromeDriver browser;

	@Test
	void aNewWorkspacesListPagesSayWhatToDoFirstWithOneButton() throws Exception {
		Fixtures.Account account = fixtures.verifiedAccount("layout-empty");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		List<String> lists = List.of("/domains", "/mailboxes", "/templates", "/contacts", "/segments", "/suppressions",
				"/campaigns", "/inbox", "/alerts", "/settings/api-keys");
		SoftAssertions softly = new SoftAssertions();
		for (int width : WIDTHS) {
			resize(width);
			for (String path : lists) {
				browser.get(base + path);
				softly.assertThat(browser.findElements(By.cssSelector("main .empty [role=button], main .empty button")))
					.as("one button in the empty state of %s", path)
					.hasSize(1);
				check(softly, "empty" + path.replace('/', '-'), width);
			}
		}
		// Members: alone in the workspace, the empty state is about inviting someone.
		browser.get(base + "/settings/members");
		softly.assertThat(browser.findElement(By.tagName("main")).getText()).contains("Invite");
		softly.assertAll();
	}

	@Test
	void everyMainPageFitsAPhoneAndADesktop() throws Exception {
		Sender sender = setup.sender("layout");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, List.of(ada), new Campaign.Tracking(true, false), "<p>Hi Ada</p>");
		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "Re: Quick question", "Yes, let's talk on Tuesday.",
					Map.of("In-Reply-To", setup.sentMessageId(campaign))));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		UUID workspace = sender.account().workspaceId();
		UUID contactId = one("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?", workspace, ada);
		UUID threadId = one("SELECT thread_id FROM inbound_messages WHERE mailbox_id = ? LIMIT 1",
				sender.mailbox().id());
		UUID domainId = one("SELECT id FROM domains WHERE workspace_id = ? LIMIT 1", workspace);
		String base = "http://localhost:" + port;

		SoftAssertions softly = new SoftAssertions();
		for (int width : WIDTHS) {
			resize(width);
			for (String path : List.of("/login", "/signup", "/forgot-password")) {
				browser.get(base + path);
				check(softly, "public" + path.replace('/', '-'), width);
			}
		}
		Browser.logIn(browser, base, sender.account().email());
		UUID templateId = createTemplate(base);
		browser.get(base + "/segments");
		browser.findElement(By.id("list-name")).sendKeys("VIPs");
		submitAndWait(By.xpath("//button[text()='Create list']"));
		browser.get(base + "/suppressions");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("value")))
			.sendKeys("bounced-" + UUID.randomUUID().toString().substring(0, 6) + "@x.test");
		submitAndWait(By.xpath("//button[text()='Suppress']"));
		browser.get(base + "/sandbox/mail");
		List<String> sandboxMail = browser.findElements(By.cssSelector("main table a"))
			.stream()
			.map(a -> a.getAttribute("href"))
			.limit(1)
			.toList();

		// An error page: another workspace's (or no) domain.
		String missing = "/domains/" + UUID.randomUUID();
		List<String> pages = new ArrayList<>(List.of("/", "/domains", "/domains/" + domainId, "/domains/import",
				"/domains/claims", "/mailboxes", "/mailboxes/" + sender.mailbox().id(), "/mailboxes/import",
				"/campaigns", "/campaigns/" + campaign.id(), "/templates", "/templates/" + templateId, "/contacts",
				"/contacts/" + contactId, "/contacts/scoring", "/segments", "/segments/new", "/suppressions", "/inbox",
				"/inbox?show=all", "/inbox/" + threadId, "/alerts", "/analytics", "/settings/members",
				"/settings/api-keys", "/settings/audit", "/workspaces", "/account", "/account/security",
				"/sandbox/mail", missing));
		sandboxMail.forEach(href -> pages.add(href.substring(base.length())));
		for (int width : WIDTHS) {
			resize(width);
			for (String path : pages) {
				browser.get(base + path);
				check(softly, path.equals(missing) ? "not-found" : name(path), width);
			}
		}
		// On a phone the main tables read as cards: none scrolls inside its box.
		resize(390);
		for (String[] page : new String[][] { { "/domains", "domains" }, { "/mailboxes", "mailboxes" },
				{ "/campaigns", "campaigns" }, { "/contacts", "contacts" },
				{ "/campaigns/" + campaign.id(), "step-counts", "latest-sends" } }) {
			browser.get(base + page[0]);
			Browser.assertTablesFit(browser, java.util.Arrays.copyOfRange(page, 1, page.length));
		}
		browser.get(base + "/sandbox/mail");
		if (!browser.findElements(By.id("sandbox-mails")).isEmpty()) {
			Browser.assertTablesFit(browser, "sandbox-mails");
		}
		// On a phone the links hide behind the menu button, which shows them.
		browser.get(base + "/campaigns");
		softly.assertThat(browser.findElement(By.cssSelector("#sidebar a[href='/domains']")).isDisplayed()).isFalse();
		browser.findElement(By.cssSelector(".menu-toggle")).click();
		softly.assertThat(browser.findElement(By.cssSelector("#sidebar a[href='/domains']")).isDisplayed()).isTrue();
		shoot("layout-menu-open-390");
		softly.assertAll();
	}

	private UUID createTemplate(String base) {
		browser.get(base + "/templates");
		browser.findElement(By.id("name")).sendKeys("Layout intro");
		browser.findElement(By.id("subject")).sendKeys("Quick question, {{ first_name | default: \"there\" }}");
		// A new template is plain text first.
		browser.findElement(By.id("text")).sendKeys("Hi {{ first_name }}, a long line to see it wrap on phones.");
		browser.findElement(By.xpath("//form[@action='/templates']//button[@type='submit']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.urlMatches("/templates/[0-9a-f-]{36}"));
		String url = browser.getCurrentUrl();
		return UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
	}

	private void check(SoftAssertions softly, String name, int width) {
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
		if (width < 500) {
			Object wider = browser
				.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
			softly.assertThat(wider).as("%s scrolls sideways at %d px", name, width).isEqualTo(Boolean.FALSE);
		}
		shoot("layout-" + name + "-" + width);
	}

	/** A screenshot of the whole page, beyond the window's height, through DevTools. */
	private void shoot(String name) {
		if (!Browser.SCREENSHOTS) {
			return;
		}
		try {
			// The clip is the window's whole width: what a scrollbar covers shows too.
			Number width = (Number) browser.executeScript("return window.innerWidth;");
			Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight;");
			Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
			Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (Exception ex) {
			Browser.screenshot(browser, name);
		}
	}

	private void resize(int width) {
		browser.manage().window().setSize(new Dimension(width, width < 500 ? 844 : 900));
		// A busy machine applies the new size a moment later: the pages are checked at
		// it.
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> ((Number) browser.executeScript("return window.innerWidth")).intValue() <= width);
	}

	private UUID one(String sql, Object... params) {
		return fixtures.jdbc().sql(sql).params(params).query(UUID.class).single();
	}

	private static String name(String path) {
		String name = path.equals("/") ? "home" : path.substring(1);
		return name.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "id")
			.replaceAll("[^a-zA-Z0-9-]+", "-");
	}

	/**
	 * Clicks a form's button and waits for the page it leads to: the next
	 * {@code browser.get} must not race the form's own navigation.
	 */
	private void submitAndWait(By button) {
		var clicked = browser.findElement(button);
		clicked.click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(clicked));
	}

}
