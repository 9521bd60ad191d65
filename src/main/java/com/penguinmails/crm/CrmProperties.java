package com.penguinmails.crm;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the CRMs' APIs are and how patiently they are called
 * ({@code penguinmails.crm.*}). The default is HubSpot's public endpoint; tests point it
 * at a local WireMock server speaking HubSpot's documented shapes.
 *
 * @param hubspotUri HubSpot's API base, default {@code https://api.hubapi.com}
 * @param timeout connect and read timeout of each call, default 20 s
 * @param maxWait the longest single pause: a 429's {@code Retry-After}, a spent
 * rate-limit window or a 5xx backoff is cut to this, default 10 s
 * @param retries how many times one call is tried again after a 429 or a 5xx, default 4
 * @param pageSize records asked for per page (HubSpot allows at most 100), default 100
 * @param schedulerEnabled whether scheduled imports run, default true
 * @param pushEnabled whether the worker sends the push queue to the CRM (replies, labels,
 * bounces, unsubscribes, complaints), default true
 * @param pushEvery how often the worker looks for due pushes, default 5 s
 * @param pushMaxAttempts attempts of one push before it is given up ({@code failed}),
 * default 8 (about an hour of backoff)
 */
@ConfigurationProperties("penguinmails.crm")
public record CrmProperties(URI hubspotUri, Duration timeout, Duration maxWait, Integer retries, Integer pageSize,
		Boolean schedulerEnabled, Boolean pushEnabled, Duration pushEvery, Integer pushMaxAttempts) {

	public CrmProperties {
		String base = hubspotUri == null || hubspotUri.toString().isBlank() ? "https://api.hubapi.com"
				: hubspotUri.toString();
		hubspotUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
		timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
		maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
		retries = retries == null ? 4 : retries;
		pageSize = pageSize == null ? 100 : Math.max(1, Math.min(100, pageSize));
		schedulerEnabled = schedulerEnabled == null || schedulerEnabled;
		pushEnabled = pushEnabled == null || pushEnabled;
		pushEvery = pushEvery == null ? Duration.ofSeconds(5) : pushEvery;
		pushMaxAttempts = pushMaxAttempts == null ? 8 : Math.max(1, pushMaxAttempts);
	}

}
