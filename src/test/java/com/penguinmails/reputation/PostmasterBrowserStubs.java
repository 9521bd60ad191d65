package com.penguinmails.reputation;

import java.time.LocalDate;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The provider stubs the browser test of the Postmaster page needs (another package). */
public final class PostmasterBrowserStubs {

	private PostmasterBrowserStubs() {
	}

	/**
	 * Google approves consent and reports one domain with two days; SNDS answers for
	 * {@code key} with two IPs on {@code day}.
	 */
	public static WireMockServer all(String domain, String key, LocalDate day) {
		WireMockServer server = PostmasterStubs.reset();
		PostmasterStubs.consentApproves(server);
		PostmasterStubs.tokenExchange(server, "browser-access");
		PostmasterStubs.oneDomain(server, "browser-access", domain);
		PostmasterStubs.trafficStats(server, "browser-access", domain, day);
		PostmasterStubs.sndsData(server, key, day);
		return server;
	}

}
