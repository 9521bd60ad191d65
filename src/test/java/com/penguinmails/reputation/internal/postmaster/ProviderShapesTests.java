package com.penguinmails.reputation.internal.postmaster;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The providers' shapes read without Spring: SNDS CSV rows (12-hour and 24-hour times, "<
 * 0.1%", missing trap times and comments, short rows skipped, the IP status feed),
 * Postmaster Tools resources with fields left out, and the RFC 7636 PKCE challenge.
 */
class ProviderShapesTests {

	private static CSVRecord row(String line) throws IOException {
		return CSVFormat.DEFAULT.builder().setTrim(true).get().parse(new StringReader(line)).getRecords().get(0);
	}

	@Test
	void readsAnSndsDataRowWithTwelveHourTimes() throws IOException {
		SndsDay day = SndsCsv.day(row(
				"203.0.113.9,3/14/2026 12:00 AM,3/14/2026 11:59 PM,\"1,204\",1180,1210,YELLOW,0.4%,3/14/2026 6:00 AM,3/14/2026 7:30 PM,3,mx.example.test,a@example.test"));
		assertThat(day.ip()).isEqualTo("203.0.113.9");
		assertThat(day.day()).isEqualTo(LocalDate.of(2026, 3, 14));
		assertThat(day.activityEnd()).isEqualTo(Instant.parse("2026-03-14T23:59:00Z"));
		assertThat(day.rcptCommands()).isEqualTo(1204);
		assertThat(day.colourLevel()).isEqualTo(2);
		assertThat(day.complaintRate()).isEqualTo(0.004);
		assertThat(day.trapMessageStart()).isEqualTo(Instant.parse("2026-03-14T06:00:00Z"));
		assertThat(day.trapHits()).isEqualTo(3);
		assertThat(day.comments()).isNull();
	}

	@Test
	void readsTwentyFourHourTimesAndEmptyColumns() throws IOException {
		SndsDay day = SndsCsv
			.day(row("198.51.100.1,12/01/2026 13:00,12/01/2026 23:00,200,190,200,green,< 0.1%,,,0,,,"));
		assertThat(day.activityStart()).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
		assertThat(day.filterResult()).isEqualTo("GREEN");
		assertThat(day.complaintRate()).isEqualTo(0.001);
		assertThat(day.complaintText()).isEqualTo("< 0.1%");
		assertThat(day.trapMessageStart()).isNull();
		assertThat(day.sampleHelo()).isNull();
	}

	@Test
	void skipsRowsThatDoNotFit() throws IOException {
		assertThat(SndsCsv.day(row("198.51.100.1,12/01/2026 13:00,GREEN"))).isNull();
		assertThat(SndsCsv.day(row("198.51.100.1,yesterday,x,1,1,1,GREEN,1%,,,0,h,m"))).isNull();
		assertThat(SndsCsv.status(row("198.51.100.0,198.51.100.255"))).isNull();
	}

	@Test
	void readsTheIpStatusFeed() throws IOException {
		SndsIpStatus status = SndsCsv.status(row("198.51.100.0,198.51.100.255,Yes,Junked due to user complaints"));
		assertThat(status.blocked()).isTrue();
		assertThat(status.lastIp()).isEqualTo("198.51.100.255");
		assertThat(SndsCsv.status(row("198.51.100.7,198.51.100.7,No,")).blocked()).isFalse();
	}

	@Test
	void readsATrafficStatsResourceWithFieldsLeftOut() throws IOException {
		TrafficStat stat = TrafficStats.parse("Example.TEST", new ObjectMapper().readTree("""
				{"name": "domains/example.test/trafficStats/20260301",
				 "ipReputations": [{"reputation": "BAD", "ipCount": "1"}],
				 "domainReputation": "REPUTATION_CATEGORY_UNSPECIFIED"}"""));
		assertThat(stat.domain()).isEqualTo("example.test");
		assertThat(stat.day()).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(TrafficStat.level(stat.domainReputation())).isZero();
		assertThat(stat.userReportedSpamRatio()).isNull();
		assertThat(stat.ipReputations()).singleElement().satisfies(ip -> {
			assertThat(ip.ipCount()).isEqualTo(1);
			assertThat(ip.sampleIps()).isEmpty();
		});
		assertThat(stat.deliveryErrors()).isEmpty();
		assertThat(TrafficStats.parse("x.test", new ObjectMapper().readTree("{\"name\":\"domains/x.test\"}"))).isNull();
	}

	@Test
	void pkceChallengeIsTheRfc7636AppendixBValue() {
		assertThat(GoogleOAuth.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
			.isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	}

	@Test
	void aProviderOutOfReachIsSaidInWordsWithTheHostNeverTheUrl() {
		java.net.URI uri = java.net.URI.create(
				"https://sendersupport.olc.protection.outlook.com/snds/data.aspx?key=a1b2c3d4-1111-2222-3333-444455556666");
		assertThat(
				ProviderFailure.unreachable("Microsoft SNDS", uri, new java.nio.channels.UnresolvedAddressException())
					.getMessage())
			.isEqualTo("Microsoft SNDS could not be reached: the name sendersupport.olc.protection.outlook.com"
					+ " does not resolve (no DNS answer from this server).")
			.doesNotContain("a1b2c3d4");
		assertThat(ProviderFailure.unreachable("Microsoft SNDS", uri, new java.net.ConnectException("refused"))
			.getMessage()).contains("refused the connection");
		assertThat(ProviderFailure.unreachable("Google Postmaster Tools", uri, new IllegalStateException("x"))
			.getMessage()).contains("a network error on the way to sendersupport.olc.protection.outlook.com");
	}

}
