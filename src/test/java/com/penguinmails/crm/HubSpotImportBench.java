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

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A HubSpot import of {@code bench.records} contacts (default 2,000) in pages of 100 from
 * WireMock, into an empty workspace: records per second and the peak heap.
 * {@code bash bench/hubspot-import.sh [records]}.
 */
@Tag("bench")
@IntegrationTest
class HubSpotImportBench {

	static final int RECORDS = Integer.getInteger("bench.records", 2_000);

	static final int PAGE = 100;

	@Autowired
	Fixtures fixtures;

	@Autowired
	HubSpotConnections connections;

	@Autowired
	HubSpotSync hubspot;

	@Test
	void importsTwoThousandContacts() {
		WireMockServer server = HubSpotStubs.reset();
		HubSpotStubs.tokenAccepted(server);
		int pages = (RECORDS + PAGE - 1) / PAGE;
		for (int p = 0; p < pages; p++) {
			StringBuilder body = new StringBuilder("{\"results\":[");
			for (int i = p * PAGE; i < Math.min(RECORDS, (p + 1) * PAGE); i++) {
				if (i > p * PAGE) {
					body.append(',');
				}
				body.append("{\"id\":\"")
					.append(1000 + i)
					.append("\",\"properties\":{\"email\":\"person")
					.append(i)
					.append("@bench.example\",\"firstname\":\"Person\",\"lastname\":\"")
					.append(i)
					.append("\",\"company\":\"Bench Co\"},\"archived\":false}");
			}
			body.append(']');
			if (p + 1 < pages) {
				body.append(",\"paging\":{\"next\":{\"after\":\"p").append(p + 1).append("\"}}");
			}
			body.append('}');
			server.stubFor(get(urlPathEqualTo(HubSpotStubs.CONTACTS)).withQueryParam("limit", equalTo("2"))
				.withQueryParam("after", p == 0 ? absent() : equalTo("p" + p))
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody(body.toString())));
		}
		Fixtures.Account account = fixtures.verifiedAccount("bench-hubspot");
		connections.connect(account.owner(), HubSpotStubs.TOKEN);
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

		long started = System.nanoTime();
		HubSpotSync.Run run = hubspot.importNow(account.owner());
		double seconds = (System.nanoTime() - started) / 1e9;

		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		assertThat(run.created()).isEqualTo(RECORDS);
		System.out.printf("BENCH hubspot import with %,d contacts: %.1f s, %.0f records/s, peak heap %d MB%n", RECORDS,
				seconds, RECORDS / seconds, peak / (1024 * 1024));
	}

}
