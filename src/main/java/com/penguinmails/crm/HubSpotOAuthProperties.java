package com.penguinmails.crm;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HubSpot public app this installation connects workspaces through with OAuth 2.0
 * ({@code penguinmails.crm.oauth.*}, inside the {@code penguinmails.crm} block). Without
 * a client id only private app tokens can be used. The token, refresh and revoke calls go
 * to {@link CrmProperties#hubspotUri()}.
 *
 * @param clientId the app's client id (HubSpot developer account → Apps → Auth), blank
 * when OAuth is not offered
 * @param clientSecret the app's client secret
 * @param authorizeUri HubSpot's consent page, default
 * {@code https://app.hubspot.com/oauth/authorize}
 */
@ConfigurationProperties("penguinmails.crm.oauth")
public record HubSpotOAuthProperties(String clientId, String clientSecret, URI authorizeUri) {

	/** The scopes asked for, space-separated (HubSpot's scope names). */
	public static final String SCOPES = "crm.objects.contacts.read crm.objects.contacts.write crm.lists.read";

	public HubSpotOAuthProperties {
		clientId = clientId == null ? "" : clientId.strip();
		clientSecret = clientSecret == null ? "" : clientSecret.strip();
		authorizeUri = authorizeUri == null || authorizeUri.toString().isBlank()
				? URI.create("https://app.hubspot.com/oauth/authorize") : authorizeUri;
	}

	/** Whether a client id and secret are set, so "Connect with HubSpot" is offered. */
	public boolean configured() {
		return !clientId.isEmpty() && !clientSecret.isEmpty();
	}

}
