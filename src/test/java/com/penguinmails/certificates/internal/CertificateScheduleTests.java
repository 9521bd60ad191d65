package com.penguinmails.certificates.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.shared.SystemCheck;

import static org.assertj.core.api.Assertions.assertThat;

/** When certificates are renewed and retried, and how the expiry check judges them. */
class CertificateScheduleTests {

	private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

	@Test
	void aNinetyDayCertificateIsRenewedThirtyDaysBeforeItExpires() {
		Instant notBefore = NOW;
		assertThat(CertificateLoop.renewAt(notBefore, notBefore.plus(Duration.ofDays(90))))
			.isEqualTo(notBefore.plus(Duration.ofDays(60)));
	}

	@Test
	void aLongLivedCertificateIsRenewedAtTwoThirdsOfItsLifetime() {
		Instant notAfter = NOW.plus(Duration.ofDays(300));
		assertThat(CertificateLoop.renewAt(NOW, notAfter)).isEqualTo(NOW.plus(Duration.ofDays(200)));
	}

	@Test
	void aShortLivedCertificateIsNeverRenewedBeforeHalfItsLifetime() {
		Instant notAfter = NOW.plus(Duration.ofDays(6));
		assertThat(CertificateLoop.renewAt(NOW, notAfter)).isEqualTo(NOW.plus(Duration.ofDays(3)));
	}

	@Test
	void retriesBackOffFromTenMinutesDoublingToADay() {
		assertThat(CertificateLoop.backoff(1)).isEqualTo(Duration.ofMinutes(10));
		assertThat(CertificateLoop.backoff(2)).isEqualTo(Duration.ofMinutes(20));
		assertThat(CertificateLoop.backoff(4)).isEqualTo(Duration.ofMinutes(80));
		assertThat(CertificateLoop.backoff(9)).isEqualTo(Duration.ofDays(1));
		assertThat(CertificateLoop.backoff(500)).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void theExpiryCheckIsOkWithMoreThanThreeWeeksLeft() {
		SystemCheck.Result result = CertificateExpiryCheck.judge(List.of(issued("track.a.test", 40)), NOW);
		assertThat(result.status()).isEqualTo(SystemCheck.Status.OK);
		assertThat(result.figures()).containsEntry("soonest_days_left", 40L);
	}

	@Test
	void theExpiryCheckWarnsUnderThreeWeeksAndSaysWhy() {
		CertificateRepository.Row row = issued("track.a.test", 15);
		row = new CertificateRepository.Row(row.id(), row.workspaceId(), row.domainId(), row.host(), row.status(), true,
				row.notBefore(), row.notAfter(), row.serial(), row.issuer(),
				"Port 80 of track.a.test is not reachable from the internet", 2, NOW);
		SystemCheck.Result result = CertificateExpiryCheck.judge(List.of(issued("track.b.test", 60), row), NOW);
		assertThat(result.status()).isEqualTo(SystemCheck.Status.WARNING);
		assertThat(result.summary()).contains("track.a.test").contains("15 day");
		assertThat(result.whatToDo()).contains("Port 80");
	}

	@Test
	void theExpiryCheckFailsUnderAWeek() {
		SystemCheck.Result result = CertificateExpiryCheck.judge(List.of(issued("track.a.test", 5)), NOW);
		assertThat(result.status()).isEqualTo(SystemCheck.Status.FAILING);
	}

	@Test
	void theExpiryCheckFailsWhenAHostWithoutCertificateKeepsFailing() {
		CertificateRepository.Row failing = new CertificateRepository.Row(UUID.randomUUID(), UUID.randomUUID(),
				UUID.randomUUID(), "track.c.test", "failed", true, null, null, null, null,
				"track.c.test does not point at this server", 3, NOW);
		SystemCheck.Result result = CertificateExpiryCheck.judge(List.of(issued("track.a.test", 60), failing), NOW);
		assertThat(result.status()).isEqualTo(SystemCheck.Status.FAILING);
		assertThat(result.summary()).contains("track.c.test");
		assertThat(result.whatToDo()).isEqualTo("track.c.test does not point at this server");
	}

	private static CertificateRepository.Row issued(String host, int daysLeft) {
		return new CertificateRepository.Row(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), host, "issued",
				true, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(daysLeft)).plusSeconds(60), "0a",
				"CN=Test CA", null, 0, NOW.plus(Duration.ofDays(daysLeft / 2)));
	}

}
