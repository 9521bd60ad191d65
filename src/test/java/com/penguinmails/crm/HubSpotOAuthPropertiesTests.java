package com.penguinmails.crm;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Connect with HubSpot" is offered only with a client id and secret, and HubSpot's
 * documented consent page is the default.
 */
class HubSpotOAuthPropertiesTests {

	@Test
	void isOfferedOnlyWithAClientIdAndSecret() {
		assertThat(new HubSpotOAuthProperties(null, null, null).configured()).isFalse();
		assertThat(new HubSpotOAuthProperties(" ", "secret", null).configured()).isFalse();
		assertThat(new HubSpotOAuthProperties("client", "", null).configured()).isFalse();
		assertThat(new HubSpotOAuthProperties("client", "secret", null).configured()).isTrue();
	}

	@Test
	void defaultsToHubSpotsConsentPage() {
		assertThat(new HubSpotOAuthProperties("c", "s", null).authorizeUri())
			.isEqualTo(URI.create("https://app.hubspot.com/oauth/authorize"));
	}

}
