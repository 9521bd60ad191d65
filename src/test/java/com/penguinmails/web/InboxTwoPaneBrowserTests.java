package com.penguinmails.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboxFixture;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;
import com.penguinmails.templates.Templates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-pane inbox in a real browser: a conversation opens on the right without a
 * reload, j/k move, a number key labels (the badge shows in the list; the list is not
 * swapped, so it keeps its scroll), u marks unread and opens the next, ? lists the
 * shortcuts, the composer inserts a template, e marks done and opens the next; a phone
 * shows the list, then the conversation full-screen with a Back link; nothing scrolls
 * sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class InboxTwoPaneBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboxFixture conversations;

	@Autowired
	Templates templates;

	ChromeDriver browser;

	@Test
	void keyboardAndTwoPanes() throws Exception {
		Sender sender = conversations.replied("inbox-two-pane", "Sounds good, %s here.", "ada", "bea", "cyd").sender();
		templates.create(sender.account().owner(), new Templates.Draft("Deck follow-up", "Deck",
				"<p>Thanks {{ first_name }}, here is the deck.</p>", "Thanks {{ first_name }}, here is the deck."));

		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		// A row read while htmx swaps it in goes stale: read it again.
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

		browser.get(base + "/inbox");
		wait.until(d -> rows().size() == 3);
		browser.executeScript(
				"window.inboxMarker = 'still here';" + " document.querySelector('.inbox-list').inboxMarker = 'kept';");
		rows().get(0).findElement(By.className("thread-link")).click();
		wait.until(d -> openId() != null);
		String first = openId();
		assertThat(marker()).as("opened without a reload").isEqualTo("still here");
		assertThat(browser.getCurrentUrl()).endsWith("/inbox?open=" + first);
		assertThat(browser.findElement(By.id("contact-card")).getText()).contains("Open contact");
		assertThat(browser.findElement(By.id("reply-from")).getText()).isEqualTo(sender.mailbox().email());
		Browser.screenshot(browser, "inbox-two-pane-1280");

		key("j");
		wait.until(d -> openId() != null && !openId().equals(first));
		String second = openId();
		assertThat(currentRowId()).isEqualTo(second);
		key("k");
		wait.until(d -> first.equals(openId()));
		assertThat(currentRowId()).isEqualTo(first);
		assertThat(marker()).isEqualTo("still here");

		key("2");
		wait.until(d -> row(first).map(r -> r.getText().contains("Meeting booked")).orElse(false));
		assertThat(marker()).as("labelled without a reload").isEqualTo("still here");
		assertThat(listKept()).as("labelled swapping the pane and the row: the list keeps its scroll").isTrue();

		key("u");
		wait.until(d -> second.equals(openId()));
		wait.until(d -> row(first).map(r -> r.getAttribute("class").contains("unread")).orElse(false));
		assertThat(currentRowId()).isEqualTo(second);
		assertThat(listKept()).as("marked unread in the two panes").isTrue();
		key("k");
		wait.until(d -> first.equals(openId()));

		key("?");
		WebElement help = browser.findElement(By.id("shortcuts"));
		wait.until(d -> help.isDisplayed());
		assertThat(help.getText()).contains("Next / previous conversation").contains("Mark done");
		Browser.screenshot(browser, "inbox-shortcuts-1280");
		key(Keys.ESCAPE.toString());
		wait.until(d -> !browser.findElement(By.id("shortcuts")).isDisplayed());

		new Select(browser.findElement(By.id("snippet-select"))).selectByVisibleText("Deck follow-up");
		assertThat(browser.findElement(By.id("reply-text")).getDomProperty("value"))
			.contains("Thanks {{ first_name }}, here is the deck.");
		// A variable inserted right after the text gets its own space.
		new Select(browser.findElement(By.id("variable-select"))).selectByValue("{{ company }}");
		assertThat(browser.findElement(By.id("reply-text")).getDomProperty("value"))
			.containsPattern("deck\\.\\s+\\{\\{ company }}$");
		browser.findElement(By.id("reply-text")).clear();
		browser.findElement(By.id("reply-text")).sendKeys(Keys.ESCAPE);

		key("e");
		wait.until(d -> rows().size() == 2 && openId() != null && !first.equals(openId()));
		assertThat(row(first)).isEmpty();
		assertThat(marker()).isEqualTo("still here");
		Browser.assertNoSidewaysScroll(browser);

		Browser.phone(browser);
		browser.get(base + "/inbox");
		wait.until(d -> rows().size() == 2);
		assertThat(browser.findElement(By.id("pane")).isDisplayed()).isFalse();
		Browser.assertNoSidewaysScroll(browser);
		if (!browser.findElements(By.id("sync-table")).isEmpty()) {
			browser.executeScript("document.getElementById('sync-status').open = true;");
			Browser.assertTablesFit(browser, "sync-table");
		}
		Browser.screenshot(browser, "inbox-two-pane-390");
		rows().get(0).findElement(By.className("thread-link")).click();
		wait.until(d -> openId() != null && browser.findElement(By.id("pane")).isDisplayed());
		assertThat(browser.findElement(By.className("inbox-list")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.cssSelector("#pane .pane-back a")).isDisplayed()).isTrue();
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "inbox-conversation-390");
	}

	private void key(String key) {
		new Actions(browser).sendKeys(key).perform();
	}

	private List<WebElement> rows() {
		return browser.findElements(By.cssSelector("#threads .thread-row"));
	}

	private java.util.Optional<WebElement> row(String id) {
		return rows().stream().filter(r -> id.equals(r.getDomAttribute("data-id"))).findFirst();
	}

	private String openId() {
		return (String) browser.executeScript(
				"var c = document.getElementById('conversation'); return c ? c.getAttribute('data-thread-id') : null;");
	}

	private String currentRowId() {
		return (String) browser.executeScript(
				"var r = document.querySelector('#threads .thread-row.current'); return r ? r.dataset.id : null;");
	}

	private boolean listKept() {
		return "kept".equals(browser.executeScript("return document.querySelector('.inbox-list').inboxMarker;"));
	}

	private Object marker() {
		return browser.executeScript("return window.inboxMarker;");
	}

}
