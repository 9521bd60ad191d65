package com.penguinmails.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server for the whole test JVM standing in for the third-party HTTP APIs
 * that are not reachable from here (Google's OAuth 2.0 endpoints and the Postmaster Tools
 * API, Microsoft SNDS, the sending providers Postmark, Mailgun and Amazon SES, and
 * HubSpot's and Salesforce's CRM APIs). Its port is reserved before the Spring context
 * starts ({@link FreePortInitializer} points the endpoints at it); the server starts on
 * first use. Tests add the stubs speaking the documented shapes, and reset them.
 */
public final class ProviderApis {

	private static final int PORT = freePort();

	private static WireMockServer server;

	private ProviderApis() {
	}

	/** The started server (started on first call). */
	public static synchronized WireMockServer shared() {
		if (server == null) {
			server = new WireMockServer(options().bindAddress("127.0.0.1").port(PORT));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		}
		return server;
	}

	public static String base() {
		return "http://127.0.0.1:" + PORT;
	}

	/** The endpoint settings pointing at this server. */
	static Map<String, Object> properties() {
		return Map.ofEntries(
				Map.entry("penguinmails.postmaster.google-authorization-uri", base() + "/o/oauth2/v2/auth"),
				Map.entry("penguinmails.postmaster.google-token-uri", base() + "/token"),
				Map.entry("penguinmails.postmaster.google-revoke-uri", base() + "/revoke"),
				Map.entry("penguinmails.postmaster.google-api-uri", base()),
				Map.entry("penguinmails.postmaster.snds-uri", base() + "/snds"),
				Map.entry("penguinmails.providers.postmark-uri", base() + "/postmark"),
				Map.entry("penguinmails.providers.mailgun-us-uri", base() + "/mailgun-us"),
				Map.entry("penguinmails.providers.mailgun-eu-uri", base() + "/mailgun-eu"),
				Map.entry("penguinmails.providers.ses-endpoint", base() + "/ses"),
				Map.entry("penguinmails.providers.timeout", "3s"),
				Map.entry("penguinmails.providers.sns-cert-hosts", "127\\.0\\.0\\.1"),
				Map.entry("penguinmails.providers.sns-allow-http", "true"),
				Map.entry("penguinmails.crm.hubspot-uri", base() + "/hubspot"),
				Map.entry("penguinmails.crm.oauth.authorize-uri", base() + "/hubspot-app/oauth/authorize"),
				Map.entry("penguinmails.crm.salesforce.login-uri", base() + "/salesforce-login"));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
