package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.contacts.CustomFields;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contacts table in a real browser at 1280 and 390 px: a search by company finds the
 * contact, a search with no match says so with a way back, a custom field chosen as a
 * column shows, a header sorts both ways; the phone width never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ContactsTableBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	CustomFields customFields;

	ChromeDriver browser;

	@Test
	void searchChooseAColumnAndSort() {
		Account account = fixtures.verifiedAccount("contacts-table");
		customFields.define(account.owner(), "seats", "number");
		add(account, "ada@blueharbor.test", "Ada", "Blue Harbor Ltd", 120, List.of("lead"));
		add(account, "bob@greenfield.test", "Bob", "Greenfield", 9, List.of("lead", "vip"));
		add(account, "cy@harbourlights.test", "Cy", "Harbour Lights", 40, List.of());
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/contacts");
		assertThat(browser.findElement(By.id("contact-count")).getText()).isEqualTo("3 contacts");
		assertThat(browser.findElements(By.cssSelector("#contacts input.row-select[form='bulk-form']"))).hasSize(3);
		assertThat(browser.findElements(By.id("select-page"))).hasSize(1);
		search("blue harbor");
		assertThat(rows()).containsExactly("ada@blueharbor.test");
		assertThat(browser.findElement(By.id("contact-count")).getText()).isEqualTo("1 of 3 contacts");

		search("Nowhere Inc");
		assertThat(browser.findElement(By.id("no-matches")).getText()).contains("No contacts match")
			.contains("Nowhere Inc");
		whileLoading(() -> browser.findElement(By.linkText("Clear the search and filters")).click());
		assertThat(rows()).hasSize(3);

		browser.findElement(By.cssSelector("#columns-menu summary")).click();
		browser.findElement(By.cssSelector("#columns-menu input[value='custom.seats']")).click();
		whileLoading(() -> browser.findElement(By.xpath("//button[text()='Show these columns']")).click());
		// The custom field's key reads as a label in the header.
		assertThat(browser.findElement(By.cssSelector("#contacts thead")).getText()).contains("Seats")
			.doesNotContain("seats");
		assertThat(browser.findElement(By.cssSelector("#contacts tbody")).getText()).contains("120");

		whileLoading(() -> browser.findElement(By.linkText("Seats")).click());
		assertThat(rows()).containsExactly("bob@greenfield.test", "cy@harbourlights.test", "ada@blueharbor.test");
		assertThat(browser.getCurrentUrl()).contains("sort=custom.seats").contains("dir=asc");
		whileLoading(() -> browser.findElement(By.linkText("Company")).click());
		assertThat(rows()).containsExactly("ada@blueharbor.test", "bob@greenfield.test", "cy@harbourlights.test");
		whileLoading(() -> browser.findElement(By.linkText("Company")).click());
		assertThat(rows()).containsExactly("cy@harbourlights.test", "bob@greenfield.test", "ada@blueharbor.test");
		Browser.screenshot(browser, "contacts-table-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		// Each contact reads as a card with labelled lines: no table to scroll sideways.
		Browser.assertTablesFit(browser, "contacts");
		assertThat(browser.findElement(By.cssSelector("#contacts tbody td[data-label='Seats']")).isDisplayed())
			.isTrue();
		Browser.screenshot(browser, "contacts-table-cards-390");
		browser.findElement(By.cssSelector("#columns-menu summary")).click();
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "contacts-table-390");
	}

	private void add(Account account, String email, String first, String company, int seats, List<String> tags) {
		contacts.create(account.owner(),
				new NewContact(email, first, "", company, "", "", "", "", "", "", Map.of("seats", seats), tags));
	}

	private void search(String text) {
		WebElement q = browser.findElement(By.id("q"));
		q.clear();
		q.sendKeys(text);
		whileLoading(() -> q.sendKeys(Keys.ENTER));
	}

	/** Does {@code action} and waits for the page it loads (the old one going stale). */
	private void whileLoading(Runnable action) {
		WebElement old = browser.findElement(By.tagName("main"));
		action.run();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(old));
	}

	private List<String> rows() {
		return browser.findElements(By.cssSelector("#contacts tbody tr td:nth-child(2) a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
