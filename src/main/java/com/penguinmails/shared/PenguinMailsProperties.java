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

	public record Db(String url, String username, String password) {
	}

	public record Smtp(String host, int port, String username, String password, boolean starttls, String from) {
	}

}
