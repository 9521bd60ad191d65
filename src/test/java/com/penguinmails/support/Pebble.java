package com.penguinmails.support;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * Pebble, Let's Encrypt's ACME test server (Debian package {@code pebble}), for the test
 * JVM: its ports and the certificate of its HTTPS API are chosen before the Spring
 * context starts ({@link FreePortInitializer} points
 * {@code penguinmails.tls.acme.directory} and {@code trust-bundle} at them); the server
 * starts on first use, validating HTTP-01 on the app's HTTP port and resolving names with
 * the loopback {@link TestDnsServer}. Debian's package ships no test certificate, so the
 * API's is made here (self-signed, for 127.0.0.1). Skips the calling test when Pebble is
 * not installed (fails instead with {@code PENGUINMAILS_REQUIRE_PEBBLE=true}, as in CI).
 */
public final class Pebble {

	private static final Path EXECUTABLE = Path.of("/usr/bin/pebble");

	private static final int PORT = freePort();

	private static final int MANAGEMENT_PORT = freePort();

	private static final Path DIR = apiCertificate();

	private static Process process;

	private Pebble() {
	}

	/** The ACME directory URL. */
	public static String directory() {
		return "https://127.0.0.1:" + PORT + "/dir";
	}

	/** The settings pointing the app's ACME client at this server. */
	static Map<String, Object> properties() {
		int https = freePort();
		// Links name the connector's port: no 443 forwarded to it here.
		return Map.of("penguinmails.tls.acme.directory", directory(), "penguinmails.tls.acme.trust-bundle",
				DIR.resolve("cert.pem").toString(), "penguinmails.tls.https-port", https,
				"penguinmails.tls.link-https-port", https);
	}

	/**
	 * Starts Pebble (once per JVM) validating HTTP-01 on {@code httpPort} and resolving
	 * with {@code dnsServer} ({@code host:port}).
	 */
	public static synchronized void start(int httpPort, String dnsServer) {
		boolean present = Files.isExecutable(EXECUTABLE);
		if (!present && "true".equals(System.getenv("PENGUINMAILS_REQUIRE_PEBBLE"))) {
			throw new IllegalStateException(
					"PENGUINMAILS_REQUIRE_PEBBLE=true but Pebble is missing: apt-get install pebble");
		}
		Assumptions.assumeTrue(present, "Pebble is not installed (apt-get install pebble): skipped");
		if (process != null && process.isAlive()) {
			return;
		}
		try {
			String config = """
					{"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
					  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
					  "ocspResponderURL": "", "externalAccountBindingRequired": false}}""".formatted(PORT,
					MANAGEMENT_PORT, DIR.resolve("cert.pem"), DIR.resolve("key.pem"), httpPort, freePort());
			Files.writeString(DIR.resolve("pebble-config.json"), config);
			ProcessBuilder builder = new ProcessBuilder(EXECUTABLE.toString(), "-config",
					DIR.resolve("pebble-config.json").toString(), "-dnsserver", dnsServer)
				.redirectErrorStream(true)
				.redirectOutput(DIR.resolve("pebble.log").toFile());
			builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
			builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
			process = builder.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			await(PORT);
			await(MANAGEMENT_PORT);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Pebble could not start: " + ex.getMessage(), ex);
		}
	}

	/** What Pebble logged so far (for a failing test's message). */
	public static String log() {
		try {
			return Files.readString(DIR.resolve("pebble.log"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * The root certificate of Pebble's CA (new at each start of Pebble), from its
	 * management interface.
	 */
	public static X509Certificate root() {
		try {
			HttpClient client = HttpClient.newBuilder().sslContext(trusting()).build();
			HttpResponse<InputStream> response = client.send(
					HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + MANAGEMENT_PORT + "/roots/0")).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read Pebble's root: " + ex.getMessage(), ex);
		}
	}

	private static SSLContext trusting() throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(DIR.resolve("cert.pem"))) {
			trust.setCertificateEntry("pebble", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private static void await(int port) {
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < until) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return;
			}
			catch (IOException ex) {
				if (!process.isAlive()) {
					throw new IllegalStateException("Pebble exited: " + log());
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(interrupted);
				}
			}
		}
		throw new IllegalStateException("Pebble did not listen on " + port + ": " + log());
	}

	/** A self-signed certificate for 127.0.0.1 and localhost, for Pebble's HTTPS API. */
	private static Path apiCertificate() {
		try {
			Path dir = Files.createTempDirectory("penguinmails-pebble");
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			X500Name name = new X500Name("CN=Pebble API (PenguinMails tests)");
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.dNSName, "localhost") }));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
			Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
			Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			return dir;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not make Pebble's API certificate", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The certificates of a PEM text, in order. */
	public static List<X509Certificate> chain(String pem) throws Exception {
		List<X509Certificate> out = new ArrayList<>();
		for (var certificate : CertificateFactory.getInstance("X.509")
			.generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
			out.add((X509Certificate) certificate);
		}
		return out;
	}

}
