package com.penguinmails.support;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The campaign page's step cards (campaigns/steps.html) as a person works them in a real
 * browser: fields by their ids ({@code subject-2-A}, {@code delay-2}, {@code unit-2}),
 * Save waiting for the card htmx puts in its place.
 */
public final class StepCards {

	private final ChromeDriver browser;

	public StepCards(ChromeDriver browser) {
		this.browser = browser;
	}

	/**
	 * Clicks as a person would after scrolling it into view (below the sticky top bar).
	 */
	public void click(WebElement element) {
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

	/**
	 * Scrolls the element to the top of the window, below the top bar (for a screenshot).
	 */
	public void show(String id) {
		browser.executeScript("window.scrollTo(0, document.getElementById(arguments[0]).offsetTop - 70);", id);
	}

	/** Types variant A's subject and body of step {@code n}. */
	public void write(int n, String subject, String body) {
		WebElement subjectField = browser.findElement(By.id("subject-" + n + "-A"));
		subjectField.clear();
		subjectField.sendKeys(subject);
		WebElement bodyField = browser.findElement(By.id("body-" + n + "-A"));
		bodyField.clear();
		bodyField.sendKeys(body);
	}

	/**
	 * Sets step {@code n}'s delay: {@code amount} of {@code unit} (minutes, hours, days).
	 */
	public void delay(int n, String amount, String unit) {
		WebElement field = browser.findElement(By.id("delay-" + n));
		field.clear();
		field.sendKeys(amount);
		new Select(browser.findElement(By.id("unit-" + n))).selectByValue(unit);
	}

	/** Saves step {@code n} and waits for its new card to say "Saved". */
	public void save(int n) {
		WebElement before = browser.findElement(By.id("status-" + n));
		click(browser.findElement(By.xpath("//article[@id='step-" + n + "']//button[text()='Save']")));
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(Browser.replaced(before));
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-" + n), "Saved"));
	}

	/** Opens step {@code n}'s card when it is closed (its summary toggles it). */
	public void open(int n) {
		WebElement details = browser.findElement(By.cssSelector("#step-" + n + " > details"));
		if (details.getDomAttribute("open") == null) {
			click(browser.findElement(By.cssSelector("#step-" + n + " summary.step-summary")));
		}
	}

	/** Every card's summary line, in order ("Step 2 · 3 hours after step 1 · ..."). */
	public List<String> summaries() {
		return browser.findElements(By.cssSelector(".step-card summary.step-summary"))
			.stream()
			.map(summary -> summary.getDomProperty("textContent").strip())
			.toList();
	}

	/** The value of the field with this id. */
	public String value(String id) {
		return browser.findElement(By.id(id)).getDomProperty("value");
	}

}
