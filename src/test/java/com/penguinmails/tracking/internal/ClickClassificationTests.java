package com.penguinmails.tracking.internal;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.penguinmails.tracking.ClickFetch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clicks through the tracking redirect, classified as the application does (the default
 * rules of application.yml and the real User-Agent analyzer): every kind of real browser
 * a person clicks with is a person, every kind of scanner a machine.
 */
class ClickClassificationTests {

	static final String PERSON_IP = "203.0.113.7";

	private static UserAgents agents;

	private static MachineFilter filter;

	@BeforeAll
	static void analyzer() {
		TrackingProperties defaults = new TrackingProperties(Duration.ofSeconds(5), Duration.ofSeconds(2),
				List.of("GoogleImageProxy", "ggpht\\.com", "YahooMailProxy", "^Mozilla/5\\.0$"),
				List.of("17.0.0.0/8", "66.249.64.0/19", "66.102.0.0/20", "40.92.0.0/15", "52.100.0.0/14"),
				TrackingProperties.SCANNER_AGENTS, false);
		agents = new UserAgents(defaults);
		filter = new MachineFilter(defaults);
	}

	@AfterAll
	static void release() {
		agents.destroy();
	}

	private static String click(String agent, String ip, String method, String purpose) {
		return filter.click(agent, ip, agents.analyze(agent), new ClickFetch(method, purpose)).orElse("person");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Chrome desktop|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36
					Chromium (headless, as the browser tests drive it)|Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36
					Firefox|Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0
					Safari on iOS|Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1
					Outlook desktop's embedded browser (WebView2)|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 OneOutlook/1.2024.1127.100
					Outlook desktop (Office)|Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)
					Gmail app on Android (WebView)|Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240405.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.39 Mobile Safari/537.36
					Gmail app on iOS|Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 GSA/343.0.695551749 Mobile/15E148 Safari/604.1
					""")
	void aPersonsClickWithARealBrowserIsAPersons(String browser, String agent) {
		assertThat(click(agent, PERSON_IP, "GET", null)).as(browser).isEqualTo("person");
		assertThat(click(agent, "127.0.0.1", "GET", null)).as(browser + " on loopback").isEqualTo("person");
		assertThat(click(agent, "192.168.1.20", "GET", null)).as(browser + " on a private network").isEqualTo("person");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Proofpoint URL Defense|Mozilla/5.0 (compatible; Proofpoint URL Defense)|203.0.113.9|GET||security scanner
					Mimecast|Mozilla/5.0 Mimecast/1.0|203.0.113.9|GET||security scanner
					Barracuda|Barracuda Sentinel (EE)|203.0.113.9|GET||security scanner
					Microsoft Defender Safe Links (its network)|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|40.93.1.2|GET||proxy network
					Office's link check before opening|Microsoft Office Existence Discovery|203.0.113.9|GET||security scanner
					A HEAD request of any agent|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|203.0.113.9|HEAD||HEAD request
					Chrome's prefetch (Sec-Purpose)|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|203.0.113.9|GET|prefetch;prerender|prefetch
					A link preview (Purpose: preview)|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|203.0.113.9|GET|preview|prefetch
					A crawler|Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)|203.0.113.9|GET||security scanner
					A script (python-requests)|python-requests/2.32.3|203.0.113.9|GET||security scanner
					curl|curl/8.5.0|203.0.113.9|GET||security scanner
					No User-Agent at all||203.0.113.9|GET||no user agent
					""")
	void aScannersClickIsAMachines(String scanner, String agent, String ip, String method, String purpose, String why) {
		assertThat(click(agent, ip, method, purpose)).as(scanner).startsWith(why);
	}

}
