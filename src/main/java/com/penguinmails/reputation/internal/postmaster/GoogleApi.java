package com.penguinmails.reputation.internal.postmaster;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Gmail Postmaster Tools API v1, read only: {@code GET /v1/domains} (the domains the
 * account may read) and {@code GET /v1/domains/{domain}/trafficStats} (one resource per
 * day), each followed through its {@code nextPageToken} pages. Requests carry the OAuth
 * 2.0 bearer token (RFC 6750 §2.1).
 */
@Component
public class GoogleApi {

	/** Page size asked for; Google caps it. */
	static final int PAGE_SIZE = 200;

	/** At most this many pages are followed, so a provider loop cannot hold a node. */
	static final int MAX_PAGES = 50;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

	/** Google refused the access token (HTTP 401): refresh it and try again. */
	public static class Unauthorized extends RuntimeException {

		Unauthorized() {
			super("Google refused the access token");
		}

	}

	private final PostmasterProperties properties;

	private final RestClient rest;

	GoogleApi(PostmasterProperties properties, RestClient.Builder builder) {
		this.properties = properties;
		this.rest = builder.clone().requestFactory(HttpClients.requestFactory(properties.timeout())).build();
	}

	/**
	 * The names of the domains the account may read (lower case, without the
	 * {@code domains/} prefix).
	 * @throws Unauthorized on HTTP 401
	 * @throws ProviderFailure on any other error
	 */
	public List<String> domains(String accessToken) {
		List<String> names = new ArrayList<>();
		String pageToken = null;
		int pages = 0;
		do {
			UriComponentsBuilder uri = UriComponentsBuilder.fromUri(properties.googleApiUri())
				.path("/v1/domains")
				.queryParam("pageSize", PAGE_SIZE);
			if (pageToken != null) {
				uri.queryParam("pageToken", pageToken);
			}
			JsonNode page = get(uri.encode().build().toUri(), accessToken);
			for (JsonNode domain : page.path("domains")) {
				String name = domain.path("name").asText("");
				if (name.startsWith("domains/")) {
					names.add(name.substring("domains/".length()).toLowerCase(Locale.ROOT));
				}
			}
			pageToken = page.path("nextPageToken").asText("");
			pageToken = pageToken.isEmpty() ? null : pageToken;
		}
		while (pageToken != null && ++pages < MAX_PAGES);
		return names;
	}

	/**
	 * The domain's traffic stats for the days from {@code from} to {@code to} (both
	 * included; the API's {@code endDate} is exclusive).
	 * @throws Unauthorized on HTTP 401
	 * @throws ProviderFailure on any other error
	 */
	public List<TrafficStat> trafficStats(String accessToken, String domain, LocalDate from, LocalDate to) {
		List<TrafficStat> stats = new ArrayList<>();
		String pageToken = null;
		int pages = 0;
		LocalDate end = to.plusDays(1);
		do {
			UriComponentsBuilder uri = UriComponentsBuilder.fromUri(properties.googleApiUri())
				.path("/v1/domains/{domain}/trafficStats")
				.queryParam("startDate.year", from.getYear())
				.queryParam("startDate.month", from.getMonthValue())
				.queryParam("startDate.day", from.getDayOfMonth())
				.queryParam("endDate.year", end.getYear())
				.queryParam("endDate.month", end.getMonthValue())
				.queryParam("endDate.day", end.getDayOfMonth())
				.queryParam("pageSize", PAGE_SIZE);
			if (pageToken != null) {
				uri.queryParam("pageToken", pageToken);
			}
			JsonNode page = get(uri.encode().buildAndExpand(domain).toUri(), accessToken);
			for (JsonNode stat : page.path("trafficStats")) {
				TrafficStat parsed = TrafficStats.parse(domain, stat);
				if (parsed != null) {
					stats.add(parsed);
				}
			}
			pageToken = page.path("nextPageToken").asText("");
			pageToken = pageToken.isEmpty() ? null : pageToken;
		}
		while (pageToken != null && ++pages < MAX_PAGES);
		return stats;
	}

	private JsonNode get(URI uri, String accessToken) {
		try {
			JsonNode body = rest.get()
				.uri(uri)
				.header("Authorization", "Bearer " + accessToken)
				.header("Accept", "application/json")
				.retrieve()
				.onStatus(HttpStatusCode::isError, (request, response) -> {
					if (response.getStatusCode().value() == 401) {
						throw new Unauthorized();
					}
					throw new ProviderFailure("Google Postmaster Tools answered HTTP "
							+ response.getStatusCode().value() + errorMessage(response.getBody().readNBytes(4096)));
				})
				.body(JsonNode.class);
			return body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body;
		}
		catch (RestClientException ex) {
			throw ProviderFailure.unreachable("Google Postmaster Tools", uri, ex.getMostSpecificCause());
		}
	}

	// Google APIs' error body (AIP-193): {"error": {"code": 403, "message": "...",
	// "status": "PERMISSION_DENIED"}}
	private static String errorMessage(byte[] body) {
		try {
			JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("error");
			String message = error.path("message").asText("");
			return message.isEmpty() ? "" : ": " + message;
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "";
		}
	}

	static String day(LocalDate day) {
		return DAY.format(day);
	}

}
