package com.penguinmails.crm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Salesforce import of {@code bench.records} Contacts (default 100,000) through a Bulk
 * API 2.0 query job from WireMock (CSV results pages of 50,000 records), into an empty
 * workspace: records per second and the peak heap.
 * {@code bash bench/salesforce-import.sh [records]}.
 */
@Tag("bench")
@IntegrationTest
class SalesforceImportBench {

	static final int RECORDS = Integer.getInteger("bench.records", 100_000);

	static final int PAGE = 50_000;

	static final String JOBS = "/services/data/v60.0/jobs/query";

	@Autowired
	Fixtures fixtures;

	@Autowired
	SalesforceConnections connections;

	@Autowired
	SalesforceSync salesforce;

	@Test
	void importsAHundredThousandContactsThroughABulkQueryJob() {
		WireMockServer server = SalesforceStubs.reset();
		SalesforceStubs.codeExchanged(server);
		SalesforceStubs.count(server, SalesforceStubs.ACCESS, RECORDS);
		String job = HubSpotStubs.fixture("salesforce/bulk-job.json");
		server.stubFor(post(urlPathEqualTo(JOBS)).willReturn(json(job)));
		server.stubFor(get(urlPathEqualTo(JOBS + "/750RO00000Bulk1YAA"))
			.willReturn(json(job.replace("UploadComplete", "JobComplete"))));
		int pages = (RECORDS + PAGE - 1) / PAGE;
		for (int p = 0; p < pages; p++) {
			StringBuilder csv = new StringBuilder(
					"\"Id\",\"Account.Name\",\"Account.Website\",\"Email\",\"FirstName\",\"LastName\",\"MailingCountry\","
							+ "\"Phone\",\"Title\"\n");
			for (int i = p * PAGE; i < Math.min(RECORDS, (p + 1) * PAGE); i++) {
				csv.append(String.format("\"003BENCH%010d\",\"Bench Co\",\"\",\"person%d@bench.example\",\"Person\","
						+ "\"%d\",\"United Kingdom\",\"\",\"Buyer\"%n", i, i, i));
			}
			server.stubFor(get(urlPathEqualTo(JOBS + "/750RO00000Bulk1YAA/results"))
				.withQueryParam("locator", p == 0 ? absent() : equalTo("L" + p))
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "text/csv")
					.withHeader("Sforce-Locator", p + 1 < pages ? "L" + (p + 1) : "null")
					.withBody(csv.toString())));
		}
		Fixtures.Account account = fixtures.verifiedAccount("bench-salesforce");
		String url = connections.authorize(account.owner()).url();
		connections.finish(account.owner(), SalesforceConnectTests.params(url).get("state"), SalesforceStubs.CODE, null,
				null);
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

		long started = System.nanoTime();
		HubSpotSync.Run run = salesforce.importNow(account.owner());
		double seconds = (System.nanoTime() - started) / 1e9;

		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		assertThat(run.message()).isNull();
		assertThat(run.created()).isEqualTo(RECORDS);
		System.out.printf("BENCH salesforce bulk import with %,d contacts: %.1f s, %.0f records/s, peak heap %d MB%n",
				RECORDS, seconds, RECORDS / seconds, peak / (1024 * 1024));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

}
