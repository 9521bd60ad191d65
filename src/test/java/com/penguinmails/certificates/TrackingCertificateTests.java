package com.penguinmails.certificates;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.certificates.internal.CertificateFiles;
import com.penguinmails.certificates.internal.CertificateLoop;
import com.penguinmails.certificates.internal.HttpsConnector;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.domains.Domain;
import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.Pebble;
import com.penguinmails.support.TestDnsServer;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A verified tracking host gets its certificate from a real ACME server (Pebble, over
 * HTTP-01 answered by the app), the app's HTTPS connector serves it by SNI, renewal
 * replaces it, and a host the CA cannot reach is reported and alerted.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TrackingCertificateTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Alerts alerts;

	@Autowired
	CertificateLoop loop;

	@Autowired
	HttpsConnector https;

	@Autowired
	TrackingLinks links;

	@Autowired
	CertificateFiles files;

	@Autowired
	Environment environment;

	@Autowired
	List<SystemCheck> checks;

	@Test
	void issuesTheTrackingHostsCertificateThroughPebbleServesItBySniAndRenewsIt(CapturedOutput output)
			throws Exception {
		startPebble();
		Account account = fixtures.verifiedAccount("acme-owner");
		Domain domain = fixtures.trackingDomain(account, "acme");
		String host = "track." + domain.name();
		TestDnsServer.shared().add(host + ". 60 IN A 127.0.0.1");

		Instant now = Instant.now();
		loop.sync(now);
		onlyDue(host);
		assertThat(loop.issueDue(now)).isEqualTo(1);

		assertThat(status(host)).as(Pebble.log()).isEqualTo("issued");
		X509Certificate[] first = handshake(host);
		assertServedFor(host, first);

		// Its messages' links now use https on the connector's port, and the app answers
		// them there; a tracking host without a certificate keeps the base URL's http.
		URI unsubscribe = URI.create(links.unsubscribeUrl(account.workspaceId(), domain.name(), UUID.randomUUID(), 0));
		assertThat(unsubscribe.getScheme()).isEqualTo("https");
		assertThat(unsubscribe.getAuthority()).isEqualTo(host + ":" + https.port());
		// Reached the unsubscribe page through the tracking host over TLS: it answers
		// that
		// this made-up enrolment's link is unknown.
		assertThat(get(host, unsubscribe.getRawPath())).startsWith("HTTP/1.1 404").contains("Unsubscribe link");
		Domain plain = fixtures.trackingDomain(account, "acme-plain");
		assertThat(links.unsubscribeUrl(account.workspaceId(), plain.name(), UUID.randomUUID(), 0))
			.startsWith("http://track." + plain.name() + ":");

		// Renewal: at its renewal time the loop replaces it (a new key, a new serial).
		Instant renewal = fixtures.jdbc()
			.sql("SELECT next_attempt_at FROM tls_certificates WHERE host = ?")
			.param(host)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(renewal).isAfter(now.plus(java.time.Duration.ofDays(30)));
		onlyDue(host);
		assertThat(loop.issueDue(renewal.plusSeconds(60))).isEqualTo(1);
		X509Certificate[] second = handshake(host);
		assertServedFor(host, second);
		assertThat(second[0].getSerialNumber()).isNotEqualTo(first[0].getSerialNumber());
		assertThat(second[0].getPublicKey()).isNotEqualTo(first[0].getPublicKey());

		// The reverse proxy's files: the chain and the key, for the app's user only.
		Path key = files.dir(host).resolve("privkey.pem");
		assertThat(Pebble.chain(Files.readString(files.dir(host).resolve("fullchain.pem"))).get(0))
			.isEqualTo(second[0]);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

		// The key is stored encrypted and never logged.
		byte[] stored = fixtures.jdbc()
			.sql("SELECT encrypted_key FROM tls_certificates WHERE host = ?")
			.param(host)
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
		String keyBody = Files.readString(key).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
		assertThat(output.getAll()).doesNotContain("PRIVATE KEY").doesNotContain(keyBody);
	}

	@Test
	void theDomainPageShowsTheCertificateToOwnersAndAdminsOnly() throws Exception {
		Account owner = fixtures.verifiedAccount("acme-page-owner");
		Account member = fixtures.verifiedAccount("acme-page-member");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		Domain domain = fixtures.trackingDomain(owner, "acme");
		String host = "track." + domain.name();
		loop.sync(Instant.now());
		fixtures.jdbc()
			.sql("""
					UPDATE tls_certificates SET status = 'issued', not_before = now(), not_after = TIMESTAMPTZ '2031-03-01 12:00Z',
					    next_attempt_at = TIMESTAMPTZ '2030-01-01 12:00Z' WHERE host = ?""")
			.param(host)
			.update();

		String page = fixtures.signedIn(owner).get("/domains/" + domain.id()).getResponse().getContentAsString();
		assertThat(page).contains("id=\"tracking-certificate\"")
			.contains("Issued")
			.contains("expires on")
			.contains("1 March 2031")
			.doesNotContain("PRIVATE KEY");

		WebSession memberSession = fixtures.signedIn(member);
		memberSession.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		String memberPage = memberSession.get("/domains/" + domain.id()).getResponse().getContentAsString();
		assertThat(memberPage).contains(domain.name()).doesNotContain("id=\"tracking-certificate\"");
	}

	@Test
	void aHostTheCaCannotReachIsRetriedWithBackOffThenFailsAndAlertsItsWorkspace() throws Exception {
		startPebble();
		Account account = fixtures.verifiedAccount("acme-failing");
		Domain domain = fixtures.trackingDomain(account, "acme");
		String host = "track." + domain.name();
		// No DNS record for the host: the CA cannot reach it.
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		loop.sync(now);
		for (int attempt = 1; attempt <= 3; attempt++) {
			onlyDue(host);
			assertThat(loop.issueDue(now)).isEqualTo(1);
			Instant next = fixtures.jdbc()
				.sql("SELECT next_attempt_at FROM tls_certificates WHERE host = ?")
				.param(host)
				.query(java.sql.Timestamp.class)
				.single()
				.toInstant();
			// 10 minutes, then 20, then 40.
			assertThat(next).isEqualTo(now.plus(java.time.Duration.ofMinutes(10L << (attempt - 1))));
			now = next;
		}
		assertThat(status(host)).isEqualTo("failed");
		String error = fixtures.jdbc()
			.sql("SELECT last_error FROM tls_certificates WHERE host = ?")
			.param(host)
			.query(String.class)
			.single();
		assertThat(error).contains(host);

		SystemCheck expiry = checks.stream()
			.filter(c -> c.key().equals("certificates.expiry"))
			.findFirst()
			.orElseThrow();
		assertThat(expiry.run().status()).isEqualTo(SystemCheck.Status.FAILING);

		loop.warn(now);
		fixtures.awaitEvents("CertificateAlerts");
		await().untilAsserted(() -> assertThat(alerts.recent(account.owner(), 10)).extracting(Alert::title)
			.contains("No HTTPS certificate can be obtained for " + host));
	}

	private void startPebble() {
		Pebble.start(environment.getRequiredProperty("local.server.port", Integer.class),
				TestDnsServer.shared().address());
	}

	/** Leaves only {@code host} due: the other tests' tracking hosts wait. */
	private void onlyDue(String host) {
		fixtures.jdbc()
			.sql("UPDATE tls_certificates SET next_attempt_at = 'infinity' WHERE host <> ?")
			.param(host)
			.update();
	}

	private String status(String host) {
		return fixtures.jdbc()
			.sql("SELECT status FROM tls_certificates WHERE host = ?")
			.param(host)
			.query(String.class)
			.single();
	}

	/**
	 * The chain the HTTPS connector presents to a client asking for {@code host} (SNI),
	 * accepted unchecked here so the test can check it itself.
	 */
	/**
	 * The status line of a GET of {@code path} on the HTTPS connector, for {@code host}.
	 */
	private String get(String host, String path) throws Exception {
		try (SSLSocket socket = socket(host)) {
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	private X509Certificate[] handshake(String host) throws Exception {
		try (SSLSocket socket = socket(host)) {
			return Arrays.stream(socket.getSession().getPeerCertificates())
				.map(X509Certificate.class::cast)
				.toArray(X509Certificate[]::new);
		}
	}

	/**
	 * A TLS connection to the HTTPS connector naming {@code host} (SNI), any certificate.
	 */
	private SSLSocket socket(String host) throws Exception {
		X509TrustManager accepting = new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		};
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { accepting }, new SecureRandom());
		SSLSocket socket = (SSLSocket) context.getSocketFactory()
			.createSocket(InetAddress.getLoopbackAddress(), https.port());
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setServerNames(List.of(new SNIHostName(host)));
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	/** The leaf names the host, and the chain leads to Pebble's root. */
	private static void assertServedFor(String host, X509Certificate[] chain) throws Exception {
		Collection<List<?>> names = chain[0].getSubjectAlternativeNames();
		assertThat(names.stream().map(name -> String.valueOf(name.get(1))).toList()).containsExactly(host);
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(Pebble.root(), null)));
		parameters.setRevocationEnabled(false);
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain)), parameters);
	}

}
