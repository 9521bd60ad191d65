package com.penguinmails.tracking.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracking settings under {@code penguinmails.tracking}: how opens and clicks made by
 * machines (mail proxies, security scanners) are told from people's. Patterns are Java
 * regular expressions found anywhere in the User-Agent, ignoring case; a pattern or
 * network that does not parse stops the application at start.
 *
 * @param openTooSoon an open this soon after the message was sent is a machine's (a
 * provider fetching images on delivery)
 * @param linkScanWindow a click on another link of the same message this soon after a
 * click is a link scan
 * @param proxyAgents User-Agents of mail providers' image proxies
 * @param proxyNetworks networks (CIDR, IPv4 or IPv6) of mail providers' proxies and
 * scanners: every open or click from them is a machine's
 * @param scannerAgents User-Agents of security scanners, robots and scripts. Not
 * {@code HeadlessChrome}: that is a real Chromium (a person's automation, or the browser
 * tests), and the scanners built on it are caught by what they do (every link within
 * moments, HEAD requests, prefetches), not by their name
 * @param preloadUserAgentAnalyzer whether the User-Agent analyzer is built in the
 * background once the application is ready (seconds of CPU, some 130 MB of heap); events
 * before it is ready are kept without their device. Off (tests), the first open or click
 * builds it and waits for it
 */
@ConfigurationProperties("penguinmails.tracking")
public record TrackingProperties(@DefaultValue("5s") Duration openTooSoon, @DefaultValue("2s") Duration linkScanWindow,
		@DefaultValue( {
				"GoogleImageProxy", "ggpht\\.com", "YahooMailProxy", "^Mozilla/5\\.0$" }) List<String> proxyAgents,
		@DefaultValue({ "17.0.0.0/8", "66.249.64.0/19", "66.102.0.0/20", "40.92.0.0/15",
				"52.100.0.0/14" }) List<String> proxyNetworks,
		@DefaultValue({ "Barracuda", "Mimecast", "Proofpoint", "Safe ?Links", "(?<!cu)bot\\b", "crawler", "spider",
				"Existence Discovery", "^curl/", "^Wget/", "python-requests", "python-urllib", "Go-http-client",
				"^Java/" }) List<String> scannerAgents,
		@DefaultValue("true") boolean preloadUserAgentAnalyzer){

	/** The default {@code scannerAgents} (as application.yml lists them). */
	public static final List<String> SCANNER_AGENTS = List.of("Barracuda", "Mimecast", "Proofpoint", "Safe ?Links",
			"(?<!cu)bot\\b", "crawler", "spider", "Existence Discovery", "^curl/", "^Wget/", "python-requests",
			"python-urllib", "Go-http-client", "^Java/");

	public TrackingProperties {
		if (openTooSoon.isNegative() || linkScanWindow.isNegative()) {
			throw new IllegalArgumentException("Tracking windows may not be negative");
		}
	}

}
