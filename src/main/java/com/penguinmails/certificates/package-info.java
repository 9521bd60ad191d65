/**
 * Automatic TLS for tracking hosts: every verified {@code track.<domain>} gets a
 * certificate over ACME (RFC 8555, HTTP-01 answered by the app from the database, so any
 * node answers), renewed before it expires, served by the app's own HTTPS connector with
 * SNI and written out for a reverse proxy; expiry is watched
 * ({@code certificates.expiry}, a {@code shared.SystemCheck}) and alerted
 * ({@link com.penguinmails.certificates.CertificateAttention}).
 * <p>
 * Inside: {@code CertificateRepository} holds the SQL of {@code acme_accounts},
 * {@code tls_certificates} and {@code acme_challenges}; {@code AcmeClient} speaks ACME
 * (acme4j); {@code CertificateLoop} requests and renews; {@code HttpsConnector} serves;
 * {@code ChallengeEndpoint} answers the CA.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "domains", "shared" })
package com.penguinmails.certificates;
