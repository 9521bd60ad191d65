package com.penguinmails.reputation.internal.postmaster;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Google Postmaster Tools and Microsoft SNDS pulls
 * ({@code penguinmails.postmaster.*}). The endpoints are the providers' real URLs by
 * default; they are installation settings, never user input (tests point them at a local
 * server).
 *
 * @param googleClientId the OAuth 2.0 client id of this installation (Google Cloud
 * console, a "Web application" client); empty: connecting Google is unavailable
 * @param googleClientSecret its client secret
 * @param googleAuthorizationUri Google's authorization endpoint
 * @param googleTokenUri Google's token endpoint (code exchange and refresh)
 * @param googleRevokeUri Google's revocation endpoint (RFC 7009)
 * @param googleApiUri the Postmaster Tools API root (v1 paths are appended)
 * @param sndsUri the SNDS root ({@code data.aspx} and {@code ipStatus.aspx} are appended)
 * @param pullEvery time between two scheduled pulls of one connection (default 24 h)
 * @param lease how long a node owns a connection it pulls before another may take it
 * @param firstDays days of history the first pull asks for (Postmaster keeps 120)
 * @param againDays days asked again by later pulls (figures of recent days change)
 * @param timeout connect and read timeout of each request
 * @param schedulerEnabled whether this node runs the scheduled pull
 */
@ConfigurationProperties("penguinmails.postmaster")
public record PostmasterProperties(String googleClientId, String googleClientSecret, URI googleAuthorizationUri,
		URI googleTokenUri, URI googleRevokeUri, URI googleApiUri, URI sndsUri, Duration pullEvery, Duration lease,
		Integer firstDays, Integer againDays, Duration timeout, Boolean schedulerEnabled) {

	/** The OAuth 2.0 scope of Postmaster Tools, read only. */
	public static final String SCOPE = "https://www.googleapis.com/auth/postmaster.readonly";

	public PostmasterProperties {
		googleClientId = googleClientId == null ? "" : googleClientId.strip();
		googleClientSecret = googleClientSecret == null ? "" : googleClientSecret.strip();
		googleAuthorizationUri = orDefault(googleAuthorizationUri, "https://accounts.google.com/o/oauth2/v2/auth");
		googleTokenUri = orDefault(googleTokenUri, "https://oauth2.googleapis.com/token");
		googleRevokeUri = orDefault(googleRevokeUri, "https://oauth2.googleapis.com/revoke");
		googleApiUri = orDefault(googleApiUri, "https://gmailpostmastertools.googleapis.com");
		sndsUri = orDefault(sndsUri, "https://sendersupport.olc.protection.outlook.com/snds");
		pullEvery = pullEvery == null ? Duration.ofHours(24) : pullEvery;
		lease = lease == null ? Duration.ofMinutes(15) : lease;
		firstDays = firstDays == null ? 30 : firstDays;
		againDays = againDays == null ? 7 : againDays;
		timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
		schedulerEnabled = schedulerEnabled == null || schedulerEnabled;
	}

	private static URI orDefault(URI uri, String fallback) {
		String text = (uri == null ? fallback : uri.toString());
		return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
	}

	/** Whether this installation has a Google OAuth client to connect accounts with. */
	public boolean googleConfigured() {
		return !googleClientId.isEmpty() && !googleClientSecret.isEmpty();
	}

}
