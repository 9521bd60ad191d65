package com.penguinmails.crm;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The installation's Salesforce connected app ({@code penguinmails.crm.salesforce.*}):
 * its consumer key and secret, and the login server workspaces authorize it on. Empty key
 * or secret: Salesforce is not offered. Timeouts, retries and pauses are
 * {@link CrmProperties}'.
 *
 * @param clientId the connected app's consumer key
 * @param clientSecret the connected app's consumer secret (never logged or returned)
 * @param loginUri {@code https://login.salesforce.com} (default; production and developer
 * orgs) or {@code https://test.salesforce.com} (sandboxes)
 * @param apiVersion the REST API version called, default {@code v60.0}
 * @param allowHttp whether an {@code instance_url} may be plain http (tests against a
 * local server only), default false
 * @param stateTtl how long an authorization started may wait for Salesforce's answer,
 * default 10 minutes
 */
@ConfigurationProperties("penguinmails.crm.salesforce")
public record SalesforceProperties(String clientId, String clientSecret, URI loginUri, String apiVersion,
		Boolean allowHttp, Duration stateTtl) {

	public SalesforceProperties {
		clientId = clientId == null ? "" : clientId.strip();
		clientSecret = clientSecret == null ? "" : clientSecret.strip();
		String base = loginUri == null || loginUri.toString().isBlank() ? "https://login.salesforce.com"
				: loginUri.toString();
		loginUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
		apiVersion = apiVersion == null || apiVersion.isBlank() ? "v60.0" : apiVersion.strip();
		allowHttp = allowHttp != null && allowHttp;
		stateTtl = stateTtl == null ? Duration.ofMinutes(10) : stateTtl;
	}

	/** Whether the connected app is set (consumer key and secret). */
	public boolean configured() {
		return !clientId.isEmpty() && !clientSecret.isEmpty();
	}

}
