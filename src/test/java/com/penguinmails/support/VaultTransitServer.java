package com.penguinmails.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on loopback speaking the part of Vault's HTTP API (v1) PenguinMails
 * uses, as Vault documents it (the real Vault or OpenBao is not packaged here): the
 * transit secrets engine at {@code /v1/transit} ({@code POST encrypt/<key>} with a base64
 * {@code plaintext}, {@code POST decrypt/<key>} with a {@code vault:v<N>:} ciphertext,
 * {@code POST rewrap/<key>} with a ciphertext (re-encrypted with the latest version, the
 * plaintext never answered), {@code POST keys/<key>/rotate}; encrypting with an unknown
 * key creates it, as Vault's upsert does), and AppRole login
 * ({@code POST /v1/auth/approle/login}). Requests need the token in {@code X-Vault-Token}
 * (403 {@code permission denied} otherwise); malformed input is a 400 with Vault's
 * {@code {"errors": [...]}} body. Keys are AES-256-GCM with a 12-byte nonce, the
 * ciphertext {@code vault:v<version>:base64(nonce || ciphertext ||
 * tag)}, like Vault's {@code aes256-gcm96} keys.
 */
public final class VaultTransitServer implements AutoCloseable {

	private static final Pattern TRANSIT = Pattern.compile("/v1/transit/(encrypt|decrypt|rewrap)/([A-Za-z0-9_.-]+)");

	private static final Pattern ROTATE = Pattern.compile("/v1/transit/keys/([A-Za-z0-9_.-]+)/rotate");

	private static final Pattern CIPHERTEXT = Pattern.compile("vault:v([0-9]+):([A-Za-z0-9+/=]+)");

	private final ObjectMapper json = new ObjectMapper();

	private final SecureRandom random = new SecureRandom();

	private final Map<String, List<byte[]>> keys = new ConcurrentHashMap<>();

	private final HttpServer server;

	private final String token = "hvs." + UUID.randomUUID();

	private final String roleId = UUID.randomUUID().toString();

	private final String secretId = UUID.randomUUID().toString();

	private final AtomicInteger decryptions = new AtomicInteger();

	private final AtomicInteger rewraps = new AtomicInteger();

	public VaultTransitServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/", this::handle);
		server.start();
	}

	/** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
	public URI address() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	/** The token the server accepts. */
	public String token() {
		return token;
	}

	/** The AppRole role id that logs in. */
	public String roleId() {
		return roleId;
	}

	/** The AppRole secret id that logs in. */
	public String secretId() {
		return secretId;
	}

	/** Decryptions answered so far (successful or not). */
	public int decryptions() {
		return decryptions.get();
	}

	/** Re-wraps answered so far ({@code POST /v1/transit/rewrap/<key>}). */
	public int rewraps() {
		return rewraps.get();
	}

	/** Rotates a key on the server's side: new encryptions use a new version. */
	public void rotate(String key) {
		keys.computeIfAbsent(key, name -> new ArrayList<>()).add(newKey());
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (!"POST".equals(exchange.getRequestMethod()) && !"PUT".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, Map.of("errors", List.of("unsupported operation")));
				return;
			}
			JsonNode body = readBody(exchange.getRequestBody());
			if (path.equals("/v1/auth/approle/login")) {
				login(exchange, body);
				return;
			}
			if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
				respond(exchange, 403, Map.of("errors", List.of("permission denied")));
				return;
			}
			Matcher rotate = ROTATE.matcher(path);
			Matcher transit = TRANSIT.matcher(path);
			if (rotate.matches()) {
				rotate(rotate.group(1));
				respond(exchange, 204, null);
			}
			else if (transit.matches() && body != null) {
				switch (transit.group(1)) {
					case "encrypt" -> encrypt(exchange, transit.group(2), body);
					case "decrypt" -> decrypt(exchange, transit.group(2), body);
					default -> rewrap(exchange, transit.group(2), body);
				}
			}
			else {
				respond(exchange, body == null ? 400 : 404, Map.of("errors",
						List.of(body == null ? "failed to parse JSON input" : "no handler for route")));
			}
		}
	}

	private void login(HttpExchange exchange, JsonNode body) throws IOException {
		if (body == null || !roleId.equals(body.path("role_id").asText())
				|| !secretId.equals(body.path("secret_id").asText())) {
			respond(exchange, 400, Map.of("errors", List.of("invalid role or secret ID")));
			return;
		}
		respond(exchange, 200, Map.of("auth", Map.of("client_token", token, "accessor", UUID.randomUUID().toString(),
				"policies", List.of("default", "penguinmails"), "lease_duration", 3600, "renewable", false)));
	}

	private void encrypt(HttpExchange exchange, String key, JsonNode body) throws IOException {
		byte[] plaintext;
		try {
			plaintext = Base64.getDecoder().decode(body.path("plaintext").asText(""));
		}
		catch (IllegalArgumentException ex) {
			respond(exchange, 400, Map.of("errors", List.of("failed to base64-decode plaintext")));
			return;
		}
		seal(exchange, key, plaintext);
	}

	/** Encrypts with the key's latest version and answers Vault's encrypt shape. */
	private void seal(HttpExchange exchange, String key, byte[] plaintext) throws IOException {
		List<byte[]> versions = keys.computeIfAbsent(key, name -> new ArrayList<>(List.of(newKey())));
		int version = versions.size();
		try {
			byte[] nonce = new byte[12];
			random.nextBytes(nonce);
			byte[] sealed = aes(Cipher.ENCRYPT_MODE, versions.get(version - 1), nonce, plaintext);
			String ciphertext = "vault:v" + version + ":" + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
			respond(exchange, 200, Map.of("data", Map.of("ciphertext", ciphertext, "key_version", version)));
		}
		catch (GeneralSecurityException ex) {
			respond(exchange, 500, Map.of("errors", List.of("internal error")));
		}
	}

	private void decrypt(HttpExchange exchange, String key, JsonNode body) throws IOException {
		decryptions.incrementAndGet();
		byte[] plaintext = unseal(exchange, key, body);
		if (plaintext != null) {
			respond(exchange, 200, Map.of("data", Map.of("plaintext", Base64.getEncoder().encodeToString(plaintext))));
		}
	}

	/**
	 * Vault's {@code rewrap}: the ciphertext decrypted and encrypted again with the key's
	 * latest version, the plaintext never answered.
	 */
	private void rewrap(HttpExchange exchange, String key, JsonNode body) throws IOException {
		rewraps.incrementAndGet();
		byte[] plaintext = unseal(exchange, key, body);
		if (plaintext != null) {
			seal(exchange, key, plaintext);
		}
	}

	/** The plaintext of the body's ciphertext, or null after answering why not. */
	private byte[] unseal(HttpExchange exchange, String key, JsonNode body) throws IOException {
		Matcher ciphertext = CIPHERTEXT.matcher(body.path("ciphertext").asText(""));
		List<byte[]> versions = keys.get(key);
		if (versions == null) {
			respond(exchange, 400, Map.of("errors", List.of("encryption key not found")));
			return null;
		}
		if (!ciphertext.matches()) {
			respond(exchange, 400, Map.of("errors", List.of("invalid ciphertext: no prefix")));
			return null;
		}
		int version = Integer.parseInt(ciphertext.group(1));
		if (version < 1 || version > versions.size()) {
			respond(exchange, 400, Map.of("errors", List.of("invalid key version")));
			return null;
		}
		try {
			byte[] sealed = Base64.getDecoder().decode(ciphertext.group(2));
			return aes(Cipher.DECRYPT_MODE, versions.get(version - 1), java.util.Arrays.copyOf(sealed, 12),
					java.util.Arrays.copyOfRange(sealed, 12, sealed.length));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			respond(exchange, 400, Map.of("errors", List.of("cipher: message authentication failed")));
			return null;
		}
	}

	private static byte[] aes(int mode, byte[] key, byte[] nonce, byte[] input) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
		return cipher.doFinal(input);
	}

	private byte[] newKey() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return key;
	}

	private JsonNode readBody(InputStream in) {
		try {
			byte[] bytes = in.readAllBytes();
			return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void respond(HttpExchange exchange, int status, Object body) throws IOException {
		if (body == null) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}
