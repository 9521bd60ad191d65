package com.penguinmails.shared;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by the whole application, bound from {@code penguinmails.*}.
 *
 * @param baseUrl the public address of this installation, used in links sent by email
 * @param dataDir where the embedded database and generated keys live
 * @param masterKey base64 of 32 random bytes; encrypts every secret at rest. When empty,
 * one is generated under {@code dataDir} (fine for a trial, not for production)
 * @param db the external PostgreSQL; empty url means the embedded one
 * @param smtp the system SMTP server for account mail; empty host means the sandbox
 * @param delivery what every SMTP connection we make shares
 */
@ConfigurationProperties("penguinmails")
public record PenguinMailsProperties(URI baseUrl, String dataDir, String masterKey, Db db, Smtp smtp,
		Delivery delivery) {

	/**
	 * @param heloName the host name our SMTP client gives in EHLO (RFC 5321 §4.1.1.1: the
	 * client's fully qualified domain name, ideally the one its IP's PTR names); empty:
	 * the domain of the sending address
	 */
	public record Delivery(String heloName) {
	}

	/**
	 * The EHLO name for a connection sending as {@code address}: the configured host
	 * name, else the address's domain (in punycode), never {@code localhost}.
	 */
	public String heloFor(String address) {
		if (delivery != null && delivery.heloName() != null && !delivery.heloName().isBlank()) {
			return delivery.heloName().strip();
		}
		String value = address == null ? "" : address.strip();
		int lt = value.lastIndexOf('<');
		if (lt >= 0) {
			value = value.substring(lt + 1).replace(">", "");
		}
		String domain = value.substring(value.lastIndexOf('@') + 1).strip();
		try {
			domain = java.net.IDN.toASCII(domain).toLowerCase(java.util.Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			domain = "";
		}
		// RFC 5321 §4.1.4: without a name of our own, an address literal is the fallback.
		return domain.isEmpty() || domain.equals("localhost") ? "[127.0.0.1]" : domain;
	}

	/**
	 * The database.
	 *
	 * @param url JDBC URL of an external PostgreSQL; empty: the embedded one
	 * @param embeddedDurable whether the embedded server commits durably ({@code fsync},
	 * {@code synchronous_commit} and {@code full_page_writes} on); null means yes. Only a
	 * test configuration may turn it off, for speed: the embedded server holds real data.
	 */
	public record Db(String url, String username, String password, Boolean embeddedDurable) {

		/**
		 * Whether the embedded server must survive a crash of the machine (the default).
		 */
		public boolean durable() {
			return embeddedDurable == null || embeddedDurable;
		}

	}

	public record Smtp(String host, int port, String username, String password, boolean starttls, String from) {
	}

}
