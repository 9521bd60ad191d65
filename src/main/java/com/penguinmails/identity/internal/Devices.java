package com.penguinmails.identity.internal;

/**
 * A short human description of a user agent ("Firefox on Windows") for the sessions page.
 */
final class Devices {

	private Devices() {
	}

	static String describe(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown device";
		}
		return browser(userAgent) + " on " + system(userAgent);
	}

	private static String browser(String ua) {
		if (ua.contains("Edg/")) {
			return "Edge";
		}
		if (ua.contains("OPR/")) {
			return "Opera";
		}
		if (ua.contains("HeadlessChrome")) {
			return "Headless Chrome";
		}
		if (ua.contains("Chrome/") || ua.contains("Chromium/")) {
			return "Chrome";
		}
		if (ua.contains("Firefox/")) {
			return "Firefox";
		}
		if (ua.contains("Safari/")) {
			return "Safari";
		}
		if (ua.startsWith("curl/")) {
			return "curl";
		}
		return "Unknown browser";
	}

	private static String system(String ua) {
		if (ua.contains("Windows")) {
			return "Windows";
		}
		if (ua.contains("Android")) {
			return "Android";
		}
		if (ua.contains("iPhone") || ua.contains("iPad")) {
			return "iOS";
		}
		if (ua.contains("Mac OS X")) {
			return "macOS";
		}
		if (ua.contains("Linux")) {
			return "Linux";
		}
		return "unknown system";
	}

}
