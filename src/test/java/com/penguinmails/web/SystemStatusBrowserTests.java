package com.penguinmails.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;
import com.penguinmails.system.SystemAdmins;
import com.penguinmails.system.SystemStatusReport.HourPoint;
import com.penguinmails.system.internal.Heartbeats;
import com.penguinmails.system.internal.NodeIdentity;
import com.penguinmails.system.internal.SystemRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system status page in a real browser at 1280 and 390 px: the admin reaches it from
 * the navigation, sees every check with its status and what to do, the nodes (one down)
 * and the history's charts drawn with their trend, and the disk forecast; nothing scrolls
 * sideways and the nodes table reads as cards on a phone.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class SystemStatusBrowserTests {

	private static final long GB = 1024L * 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Heartbeats heartbeats;

	@Autowired
	SystemRepository repository;

	ChromeDriver browser;

	@Test
	void theAdminReadsChecksNodesAndChartsOnADeskAndAPhone() {
		Fixtures.Account admin = SystemAdmins.admin(fixtures, "sys-browser");
		Instant now = Instant.now();
		repository.beat(new NodeIdentity(UUID.randomUUID(), "worker-2", 311, "0.1.0", now.minus(Duration.ofDays(2))),
				List.of("dispatcher", "inbound-sync"), now.minus(Duration.ofMinutes(7)));
		heartbeats.beat(now);
		UUID history = UUID.randomUUID();
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		for (int h = 72; h >= 1; h--) {
			long used = 40 * GB + (72 - h) * GB / 8;
			repository.record(history, new HourPoint(hour.minus(Duration.ofHours(h)), 5.0 + h % 7, 300L << 20,
					1024L << 20, 100 * GB - used, 100 * GB, (200L + 72 - h) << 20, 20 + h % 5, h % 9), 60);
		}

		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, admin.email());
		browser.findElement(By.linkText("System status")).click();
		drawn();

		String checks = browser.findElement(By.id("system-checks")).getText();
		assertThat(checks).contains("Database reachable", "Disk space", "Every node alive", "Outbound SMTP ports",
				"Clock in step with the database", "Version and migrations", "A feature's own check");
		assertThat(browser.findElement(By.id("check-network-smtp-ports")).getText()).contains("Failing")
			.contains("What to do: Many clouds block port 25");
		assertThat(browser.findElement(By.id("system-nodes")).getText()).contains("worker-2", "Down", "Alive");
		assertThat(browser.findElement(By.id("disk-forecast")).getText()).contains("the disk is full in");
		assertThat(browser.executeScript("""
				return [...document.querySelectorAll('#system-charts canvas')].map(c => {
				    const chart = Chart.getChart(c);
				    return chart.data.datasets.map(d => d.label).join('+');
				}).join(',');""")).isEqualTo(
				"Measured+Trend,Measured+Trend,Measured+Trend+Disk size,Measured+Trend,Measured+Trend,Measured+Trend");
		assertThat(browser.getPageSource()).doesNotContain("WARNING", "FAILING", "network.smtp-ports</");

		shoot("system-status");
	}

	private void drawn() {
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.attributeToBe(By.id("system-charts"), "data-drawn", "done"));
	}

	private void scrollTo(String id) {
		browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
	}

	private void shoot(String name) {
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		browser.navigate().refresh();
		drawn();
		Browser.screenshot(browser, name + "-1280");
		Browser.assertNoSidewaysScroll(browser);
		scrollTo("history-title");
		Browser.screenshot(browser, name + "-history-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		drawn();
		Browser.screenshot(browser, name + "-390");
		Browser.assertNoSidewaysScroll(browser);
		scrollTo("nodes-title");
		Browser.screenshot(browser, name + "-nodes-390");
		scrollTo("history-title");
		Browser.screenshot(browser, name + "-history-390");
		Browser.assertTablesFit(browser, "system-nodes");
	}

}
