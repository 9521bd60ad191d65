package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.domains.Domain;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: a domain's page shows its tracking host's certificate, issued (until
 * when, next renewal) or failing (why, in words), at 1280 and 390 px without scrolling
 * sideways.
 */
@IntegrationTest
class TrackingCertificateBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	boolean passed;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "certificate-failed"));
			}
			browser.quit();
		}
	}

	@Test
	void theDomainPageSaysWhetherTheTrackingHostHasItsCertificateAndWhyNot() throws Exception {
		Account owner = fixtures.verifiedAccount("certificate-browser");
		Domain issued = fixtures.trackingDomain(owner, "cert");
		Domain failing = fixtures.trackingDomain(owner, "cert");
		certificate("track." + issued.name(), "'issued'", "TIMESTAMPTZ '2031-03-01 12:00Z'", "NULL", 0);
		certificate("track." + failing.name(), "'failed'", "NULL",
				"'Port 80 of track." + failing.name() + " is not reachable from the internet: the CA must fetch "
						+ "http://track." + failing.name() + "/.well-known/acme-challenge/ from this app.'",
				3);
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, owner.email());

		browser.get(base + "/domains/" + issued.id());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tracking-certificate")));
		assertThat(browser.findElement(By.id("tracking-certificate")).getText()).contains("Issued")
			.contains("expires on 1 March 2031")
			.contains("Next renewal from 1 January 2030, 12:00 UTC");
		atBothWidths("domain-certificate-issued", base + "/domains/" + issued.id());

		browser.get(base + "/domains/" + failing.id());
		// As for the first page: the section can take longer than the implicit wait on a
		// busy machine.
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("certificate-state")));
		assertThat(browser.findElement(By.id("certificate-state")).getText()).isEqualTo("Failing");
		assertThat(browser.findElement(By.id("certificate-error")).getText())
			.contains("Port 80 of track." + failing.name() + " is not reachable from the internet");
		atBothWidths("domain-certificate-failing", base + "/domains/" + failing.id());
		passed = true;
	}

	private void certificate(String host, String status, String notAfter, String error, int attempts) {
		int rows = fixtures.jdbc()
			.sql("""
					INSERT INTO tls_certificates (id, workspace_id, domain_id, host, status, not_before, not_after,
					    last_error, attempts, next_attempt_at)
					SELECT ?, workspace_id, id, ?, %s, now(), %s, %s, ?, TIMESTAMPTZ '2030-01-01 12:00Z'
					FROM domains WHERE name = ?""".formatted(status, notAfter, error))
			.params(UUID.randomUUID(), host, attempts, host.substring("track.".length()))
			.update();
		assertThat(rows).isEqualTo(1);
	}

	private void atBothWidths(String name, String url) {
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
			browser.get(url);
			browser.executeScript("arguments[0].scrollIntoView({block: 'center'})",
					browser.findElement(By.id("tracking-certificate")));
			Browser.screenshot(browser, name + "-" + width);
			Browser.assertNoSidewaysScroll(browser);
		}
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

}
