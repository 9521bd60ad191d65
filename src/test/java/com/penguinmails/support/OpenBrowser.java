package com.penguinmails.support;

import java.lang.reflect.Field;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A browser test's Chromium: started before each test into the test class's
 * {@code ChromeDriver} field ({@link Browser#start}, so the test is skipped without
 * Chromium), and quit after it (the JVM's shared browser is reset rather than stopped),
 * with a screenshot of the page under
 * {@code target/screenshots/<Class>-<test>-failure.png} when the test failed.
 * {@code @ExtendWith(OpenBrowser.class)} on the class.
 */
public final class OpenBrowser implements BeforeEachCallback, AfterEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) throws Exception {
		field(context).set(context.getRequiredTestInstance(), Browser.start());
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		Field field = field(context);
		ChromeDriver browser = (ChromeDriver) field.get(context.getRequiredTestInstance());
		if (browser == null) {
			return;
		}
		try {
			if (context.getExecutionException().isPresent()) {
				System.out.println("Screenshot of the failure: "
						+ Browser.screenshot(browser, context.getRequiredTestClass().getSimpleName() + "-"
								+ context.getRequiredTestMethod().getName() + "-failure"));
			}
		}
		finally {
			browser.quit();
			field.set(context.getRequiredTestInstance(), null);
		}
	}

	private static Field field(ExtensionContext context) {
		for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (field.getType() == ChromeDriver.class) {
					field.setAccessible(true);
					return field;
				}
			}
		}
		throw new IllegalStateException(context.getRequiredTestClass() + " has no ChromeDriver field");
	}

}
