package com.penguinmails.web;

import java.time.Duration;

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

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contacts table of a workspace over 10,000 contacts in a real browser at 1280 and
 * 390 px: the count says "10,000+" with a link that counts exactly, and a search of a
 * 2-letter word asks for 3 letters.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ContactsCountBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	@Test
	void overTenThousandTheCountStopsAndCountsExactlyOnRequest() {
		Account account = fixtures.verifiedAccount("contacts-count-browser");
		fixtures.jdbc().sql("""
				INSERT INTO contacts (id, workspace_id, email, first_name, last_name, company, title, created_at,
				    updated_at)
				SELECT gen_random_uuid(), ?, 'p' || g || '@acme.test', 'Pat', 'Lee', 'Acme', 'UX Designer',
				    now() - g * interval '1 minute', now()
				FROM generate_series(1, 10200) g""").param(account.workspaceId()).update();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/contacts");
		assertThat(browser.findElement(By.id("contact-count")).getText()).isEqualTo("10,000+ contacts · count exactly");
		Browser.screenshot(browser, "contacts-count-1280");
		whileLoading(() -> browser.findElement(By.id("count-exactly")).click());
		assertThat(browser.findElement(By.id("contact-count")).getText()).isEqualTo("10,200 contacts");

		WebElement q = browser.findElement(By.id("q"));
		q.sendKeys("ux");
		whileLoading(() -> q.sendKeys(Keys.ENTER));
		assertThat(browser.findElement(By.cssSelector("main [role='alert']")).getText())
			.contains("Type at least 3 letters");

		Browser.phone(browser);
		browser.get(base + "/contacts");
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "contacts-count-390");
	}

	/** Does {@code action} and waits for the page it loads (the old one going stale). */
	private void whileLoading(Runnable action) {
		WebElement old = browser.findElement(By.tagName("main"));
		action.run();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(old));
	}

}
