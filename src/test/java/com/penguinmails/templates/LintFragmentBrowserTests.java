package com.penguinmails.templates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.support.Browser;
import com.penguinmails.templates.internal.lint.LinkChecker;
import com.penguinmails.templates.internal.lint.SpamAssassinRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report fragment ({@code fragments/lint :: report(report)}) rendered by Thymeleaf
 * with a real report, in a page with the application's Pico CSS and app.css, opened in
 * headless Chromium at 1280 and 390 px: badges say words, explanations open, nothing
 * scrolls sideways. No page includes the fragment yet (the coordinator places it), so the
 * page is a bare container.
 */
class LintFragmentBrowserTests {

	private ChromeDriver browser;

	@AfterEach
	void quit() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void showsScoreFindingsAndExplanationsWithoutScrollingSideways() throws Exception {
		Lint lint = new Lint(
				new LinkChecker(new NetworkPolicy(new NetworkPolicy.Settings(List.of())), Duration.ofSeconds(5)),
				new SpamAssassinRunner("/nonexistent", Duration.ofSeconds(30)), Clock.systemUTC());
		LintReport report = lint.check(new LintInput("URGENT: a very long subject line about our incredible deal!!",
				"<p>Dear friend, see https://bit.ly/abcdefghijklmnopqrstuvwxyz0123456789/a-very-long-path-segment "
						+ "and <a href=\"https://elsewhere.example/offer\">click here</a>.</p>"
						+ "<p style=\"color:#cccccc\">Small print.</p>",
				null, false, Set.of("northwind.io"), 1000));
		Path page = render(report);
		browser = Browser.start();
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, 1000));
			browser.get(page.toUri().toString());
			List<WebElement> badges = browser.findElements(By.cssSelector(".lint-findings .badge"));
			assertThat(badges).extracting(WebElement::getText).contains("Warning").doesNotContain("WARNING", "warning");
			assertThat(browser.findElement(By.cssSelector(".lint-score")).getText())
				.isEqualTo("Score " + report.score() + " of 100");
			browser.findElement(By.cssSelector(".lint-findings details summary")).click();
			assertThat(browser.findElement(By.cssSelector(".lint-findings details p")).isDisplayed()).isTrue();
			Object wider = browser
				.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
			assertThat(wider).as("scrolls sideways at %d px", width).isEqualTo(Boolean.FALSE);
			Browser.screenshot(browser, "lint-report-" + width);
		}
	}

	@Test
	void aCleanReportSaysSo() throws Exception {
		LintReport clean = LintReport.of(List.of(Finding.info("readability", "Reading grade 5.1", "Fine.")),
				new Readability(5.1, 80.2, 60, 6, 80));
		String html = Files.readString(render(clean));
		assertThat(html).contains("No warnings", "Score 98 of 100", "0 warnings, 1 note", "Reading grade 5.1");
		assertThat(html).doesNotContain("th:text", "th:each");
	}

	/** A page of the application's CSS and the fragment, under target/lint-fragment. */
	private static Path render(LintReport report) throws IOException {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		ClassLoaderTemplateResolver files = new ClassLoaderTemplateResolver();
		files.setPrefix("templates/");
		files.setSuffix(".html");
		files.setTemplateMode(TemplateMode.HTML);
		files.setOrder(1);
		files.setCheckExistence(true);
		StringTemplateResolver strings = new StringTemplateResolver();
		strings.setOrder(2);
		engine.addTemplateResolver(files);
		engine.addTemplateResolver(strings);
		String css = resource("META-INF/resources/webjars/picocss__pico/2.1.1/css/pico.min.css")
				+ Files.readString(Path.of("src/main/resources/static/css/app.css"));
		String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
				+ css.replace("</", "<\\/") + "</style></head><body><main class=\"container\">"
				+ "<div th:replace=\"~{fragments/lint :: report(${report})}\"></div></main></body></html>";
		String html = engine.process(page, new Context(null, Map.of("report", report)));
		Path file = Path.of("target", "lint-fragment", "report-" + report.score() + ".html").toAbsolutePath();
		Files.createDirectories(file.getParent());
		Files.writeString(file, html, StandardCharsets.UTF_8);
		return file;
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = LintFragmentBrowserTests.class.getClassLoader().getResourceAsStream(name)) {
			return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
