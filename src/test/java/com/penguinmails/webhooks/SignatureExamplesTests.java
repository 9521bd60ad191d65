package com.penguinmails.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.penguinmails.webhooks.internal.delivery.Ed25519Keys;
import com.penguinmails.webhooks.internal.endpoints.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Python and Node.js verification examples, run as written against
 * deliveries signed with our secrets and keys: two signatures during a rotation, a stale
 * timestamp, a tampered body, a wrong secret, and ed25519 ({@code v1a}). Skipped with a
 * message when {@code python3} or {@code node} is not installed.
 */
class SignatureExamplesTests {

	private static final String BODY = "{\"type\":\"message.replied\",\"timestamp\":\"2026-12-01T09:30:00Z\","
			+ "\"data\":{\"contact\":{\"email\":\"zoë@example.org\"}}}";

	private final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path dir;

	@Test
	void thePythonExampleVerifiesOurSignatures() throws Exception {
		String python = executable("/usr/bin/python3", "python3");
		Path script = dir.resolve("verify.py");
		Files.writeString(script, block("python") + """

				import json, sys
				case = json.load(sys.stdin)
				print("true" if verify(case["secret"], case["headers"], case["body"].encode()) else "false")
				""");
		assertCases(python, script, false);
	}

	@Test
	void theNodeExampleVerifiesOurSignaturesAndEd25519() throws Exception {
		String node = executable("/usr/bin/node", "node");
		Path script = dir.resolve("verify.js");
		Files.writeString(script, block("js") + """

				const input = require('node:fs').readFileSync(0, 'utf8');
				const c = JSON.parse(input);
				console.log(verify(c.secret, c.headers, Buffer.from(c.body, 'utf8')) ? 'true' : 'false');
				""");
		assertCases(node, script, true);
	}

	private void assertCases(String program, Path script, boolean ed25519) throws Exception {
		String oldSecret = SigningKeys.hmacSecret();
		String newSecret = SigningKeys.hmacSecret();
		String id = UUID.randomUUID().toString();
		long now = Instant.now().getEpochSecond();
		String rotating = sign(newSecret, id, now, BODY) + " " + sign(oldSecret, id, now, BODY);
		assertThat(run(program, script, newSecret, id, now, rotating, BODY)).isTrue();
		assertThat(run(program, script, oldSecret, id, now, rotating, BODY)).isTrue();
		assertThat(run(program, script, SigningKeys.hmacSecret(), id, now, rotating, BODY)).isFalse();
		assertThat(run(program, script, newSecret, id, now, rotating, BODY.replace("zoë", "eve"))).isFalse();
		long stale = now - 6 * 60;
		assertThat(run(program, script, newSecret, id, stale, sign(newSecret, id, stale, BODY), BODY)).isFalse();
		if (ed25519) {
			Ed25519Keys.Generated pair = Ed25519Keys.generate();
			String both = sign(newSecret, id, now, BODY) + " v1a,"
					+ signEd25519(pair.privatePkcs8Base64(), id, now, BODY);
			assertThat(run(program, script, pair.publicWhpk(), id, now, both, BODY)).isTrue();
			assertThat(run(program, script, Ed25519Keys.generate().publicWhpk(), id, now, both, BODY)).isFalse();
		}
	}

	/** Standard Webhooks v1 with the reference Java library. */
	private static String sign(String secret, String id, long timestamp, String body) throws Exception {
		return new Webhook(secret).sign(id, timestamp, body);
	}

	private static String signEd25519(String privateKey, String id, long timestamp, String body) throws Exception {
		Signature signer = Signature.getInstance("Ed25519");
		signer.initSign(KeyFactory.getInstance("Ed25519")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey))));
		signer.update((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(signer.sign());
	}

	private boolean run(String program, Path script, String secret, String id, long timestamp, String signature,
			String body) throws Exception {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("webhook-id", id);
		headers.put("webhook-timestamp", Long.toString(timestamp));
		headers.put("webhook-signature", signature);
		Map<String, Object> input = Map.of("secret", secret, "headers", headers, "body", body);
		Process process = new ProcessBuilder(program, script.toString()).redirectErrorStream(true).start();
		process.getOutputStream().write(json.writeValueAsBytes(input));
		process.getOutputStream().close();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(out).as("output of %s", script.getFileName()).isIn("true", "false");
		return out.equals("true");
	}

	/** The fenced block of a language in the README's "Verifying signatures" section. */
	private static String block(String language) throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		int section = readme.indexOf("#### Verifying signatures");
		assertThat(section).as("README section").isNotNegative();
		Matcher m = Pattern.compile("```" + language + "\\n(.*?)\\n```", Pattern.DOTALL)
			.matcher(readme.substring(section));
		assertThat(m.find()).as("a ```%s block in the README", language).isTrue();
		return m.group(1);
	}

	private static String executable(String path, String name) {
		boolean present = Files.isExecutable(Path.of(path));
		Assumptions.assumeTrue(present, name + " is not installed here (" + path
				+ "): the README's example is not run; install it (apt-get install python3 nodejs) to run it");
		return path;
	}

}
