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
 */
@ConfigurationProperties("penguinmails")
public record PenguinMailsProperties(URI baseUrl, String dataDir, String masterKey, Db db, Smtp smtp) {

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
