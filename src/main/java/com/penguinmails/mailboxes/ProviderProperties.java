package com.penguinmails.mailboxes;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the sending providers' APIs are, and how their webhooks are checked
 * ({@code penguinmails.providers.*}). The defaults are the providers' public endpoints;
 * tests point them at a local WireMock server speaking the documented shapes.
 *
 * @param postmarkUri Postmark's API base, default {@code https://api.postmarkapp.com}
 * @param mailgunUsUri Mailgun's US API base, default {@code https://api.mailgun.net}
 * @param mailgunEuUri Mailgun's EU API base, default {@code https://api.eu.mailgun.net}
 * @param sesEndpoint an endpoint replacing SES's regional one
 * ({@code email.<region>.amazonaws.com}), or null for AWS's
 * @param timeout connect and read timeout of each API call, default 20 s
 * @param webhookMaxAge how old a signed webhook (Mailgun's timestamp) may be before it is
 * refused as a replay, default 5 minutes
 * @param snsCertHosts a regular expression the host of an SNS {@code SigningCertURL} or
 * {@code SubscribeURL} must match, default {@code sns\.[a-z0-9-]+\.amazonaws\.com}
 * @param snsAllowHttp tests only: SNS certificate and subscription URLs may be plain http
 * @param healthCheckEvery how often each workspace sending provider's health is checked
 * (its cheapest authenticated API call), default 5 minutes; also how soon a provider
 * marked failing by a send is checked again
 * @param healthChecksEnabled whether this node runs the periodic health checks (one node
 * checks each provider: claimed with {@code FOR UPDATE SKIP LOCKED}), default true
 * @param webhookRatePerSecond the steady rate each provider webhook endpoint (one
 * provider's URL of one workspace) accepts, requests per second, default 20
 * @param webhookBurst the token bucket's size for each webhook endpoint: how many
 * requests may come at once, default 200; beyond, 429 with {@code Retry-After}
 */
@ConfigurationProperties("penguinmails.providers")
public record ProviderProperties(URI postmarkUri, URI mailgunUsUri, URI mailgunEuUri, URI sesEndpoint, Duration timeout,
		Duration webhookMaxAge, String snsCertHosts, Boolean snsAllowHttp, Duration healthCheckEvery,
		Boolean healthChecksEnabled, Integer webhookRatePerSecond, Integer webhookBurst) {

	public ProviderProperties {
		postmarkUri = base(postmarkUri, "https://api.postmarkapp.com");
		mailgunUsUri = base(mailgunUsUri, "https://api.mailgun.net");
		mailgunEuUri = base(mailgunEuUri, "https://api.eu.mailgun.net");
		sesEndpoint = sesEndpoint == null || sesEndpoint.toString().isBlank() ? null : sesEndpoint;
		timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
		webhookMaxAge = webhookMaxAge == null ? Duration.ofMinutes(5) : webhookMaxAge;
		snsCertHosts = snsCertHosts == null || snsCertHosts.isBlank() ? "sns\\.[a-z0-9-]+\\.amazonaws\\.com"
				: snsCertHosts;
		snsAllowHttp = snsAllowHttp != null && snsAllowHttp;
		healthCheckEvery = healthCheckEvery == null || healthCheckEvery.isNegative() || healthCheckEvery.isZero()
				? Duration.ofMinutes(5) : healthCheckEvery;
		healthChecksEnabled = healthChecksEnabled == null || healthChecksEnabled;
		webhookRatePerSecond = webhookRatePerSecond == null || webhookRatePerSecond < 1 ? 20 : webhookRatePerSecond;
		webhookBurst = webhookBurst == null || webhookBurst < 1 ? 200 : webhookBurst;
	}

	private static URI base(URI uri, String fallback) {
		String text = uri == null || uri.toString().isBlank() ? fallback : uri.toString();
		return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
	}

}
