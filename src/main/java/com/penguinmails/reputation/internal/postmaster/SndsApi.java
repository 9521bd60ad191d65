package com.penguinmails.reputation.internal.postmaster;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Microsoft SNDS Automated Data Access: {@code data.aspx?key=K[&date=MMDDYY]} (the data
 * feed: one CSV row per IP and day) and {@code ipStatus.aspx?key=K} (the IP status feed:
 * blocked ranges). Both are CSV without a header row; the rows are read by
 * {@link SndsCsv}. A key SNDS refuses (HTTP 401, 403 or 404, a redirect, or a web page
 * instead of CSV) is a {@link KeyRefused}.
 */
@Component
public class SndsApi {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMddyy", Locale.ROOT);

	/** Largest feed read (bytes); SNDS feeds are a few KB per hundred IPs. */
	static final int MAX_BYTES = 8 * 1024 * 1024;

	/** SNDS did not accept the key. */
	public static class KeyRefused extends RuntimeException {

		KeyRefused(String message) {
			super(message);
		}

	}

	private final PostmasterProperties properties;

	private final RestClient rest;

	SndsApi(PostmasterProperties properties, RestClient.Builder builder) {
		this.properties = properties;
		this.rest = builder.clone().requestFactory(HttpClients.requestFactory(properties.timeout())).build();
	}

	/** The data feed of one day ({@code null}: the latest day SNDS has). */
	public List<SndsDay> data(String key, LocalDate day) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(properties.sndsUri())
			.path("/data.aspx")
			.queryParam("key", key);
		if (day != null) {
			uri.queryParam("date", DATE.format(day));
		}
		List<SndsDay> days = new ArrayList<>();
		for (CSVRecord row : rows(uri.encode().build().toUri())) {
			SndsDay parsed = SndsCsv.day(row);
			if (parsed != null) {
				days.add(parsed);
			}
		}
		return days;
	}

	/** The IP status feed. */
	public List<SndsIpStatus> ipStatus(String key) {
		URI uri = UriComponentsBuilder.fromUri(properties.sndsUri())
			.path("/ipStatus.aspx")
			.queryParam("key", key)
			.encode()
			.build()
			.toUri();
		List<SndsIpStatus> statuses = new ArrayList<>();
		for (CSVRecord row : rows(uri)) {
			SndsIpStatus parsed = SndsCsv.status(row);
			if (parsed != null) {
				statuses.add(parsed);
			}
		}
		return statuses;
	}

	private static boolean notData(HttpStatusCode status) {
		return status.isError() || status.is3xxRedirection();
	}

	private List<CSVRecord> rows(URI uri) {
		String body;
		try {
			byte[] bytes = rest.get().uri(uri).retrieve().onStatus(SndsApi::notData, (request, response) -> {
				int status = response.getStatusCode().value();
				// A redirect goes to the Microsoft sign-in page: the key did not open the
				// feed.
				if (status == 401 || status == 403 || status == 404 || (status >= 300 && status < 400)) {
					throw new KeyRefused("Microsoft SNDS refused the access key (HTTP " + status
							+ "): copy it again from SNDS, Automated Data Access.");
				}
				throw new ProviderFailure("Microsoft SNDS answered HTTP " + status);
			}).body(byte[].class);
			body = bytes == null ? ""
					: new String(bytes, 0, Math.min(bytes.length, MAX_BYTES), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (RestClientException ex) {
			// The key is in the URL: never put the request's text in the message.
			throw ProviderFailure.unreachable("Microsoft SNDS", uri, ex.getMostSpecificCause());
		}
		if (body.stripLeading().startsWith("<")) {
			throw new KeyRefused("Microsoft SNDS answered with a web page instead of data: the access key is not "
					+ "valid (copy it again from SNDS, Automated Data Access).");
		}
		try {
			return CSVFormat.DEFAULT.builder()
				.setIgnoreEmptyLines(true)
				.setTrim(true)
				.get()
				.parse(new StringReader(body))
				.getRecords();
		}
		catch (IOException | java.io.UncheckedIOException | IllegalStateException ex) {
			throw new ProviderFailure("Microsoft SNDS sent data that is not CSV");
		}
	}

}
