package com.penguinmails;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.UriUtils;

import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile bodies for every POST, PUT and PATCH of the OpenAPI document, with a real API
 * key holding every scope, against real resources of its workspace: the whole body as
 * {@code null}, an array, a string or a number, and each field (also inside nested
 * objects and arrays of objects) as null, empty, huge, with NUL or an unpaired surrogate,
 * of the wrong type, or as an array of 2,000 items. Nothing may answer 5xx.
 */
@IntegrationTest
class ApiFuzzTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	Fixtures fixtures;

	private Account account;

	private Api api;

	private int calls;

	private int sent;

	private OpenApiContract contract;

	private Map<String, String> ids;

	private final List<String> failures = new ArrayList<>();

	private final List<String> undocumented = new ArrayList<>();

	@Test
	void noHostileJsonBodyIsAServerError() throws Exception {
		JsonNode document = setUp();
		for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
			Map.Entry<String, JsonNode> path = paths.next();
			for (String method : List.of("post", "put", "patch")) {
				JsonNode operation = path.getValue().path(method);
				JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
				if (schema.isMissingNode()) {
					continue;
				}
				String uri = concrete(path.getKey(), ids);
				for (String body : hostileBodies(resolve(schema, document), document)) {
					exchange(method, path.getKey(), abbreviate(body),
							request(method, uri).contentType(MediaType.APPLICATION_JSON)
								.content(body.getBytes(StandardCharsets.UTF_8)));
				}
			}
		}
		report(1000);
	}

	@Test
	void noHostileParameterIsAServerError() throws Exception {
		JsonNode document = setUp();
		List<String> values = List.of("", "\u0000", "a\u0000b", "x".repeat(10_000), "-1", "0", "99999999999999999999",
				"1e400", "not-a-uuid", "../../etc/passwd", "%", "\ud800");
		for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
			Map.Entry<String, JsonNode> path = paths.next();
			for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext();) {
				Map.Entry<String, JsonNode> operation = operations.next();
				String method = operation.getKey();
				boolean hasBody = operation.getValue().has("requestBody");
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					String name = parameter.path("name").asText();
					for (String value : values) {
						if (parameter.path("in").asText().equals("path") && !value.isEmpty()) {
							String uri = path.getKey()
								.replace("{" + name + "}", UriUtils.encodePathSegment(value, StandardCharsets.UTF_8));
							uri = concrete(uri, ids);
							exchange(method, path.getKey(), name + "=" + abbreviate(value),
									body(request(method, uri), hasBody));
						}
						else if (parameter.path("in").asText().equals("query") && method.equals("get")) {
							exchange(method, path.getKey(), name + "=" + abbreviate(value),
									request(method, concrete(path.getKey(), ids)).param(name, value));
						}
					}
				}
			}
		}
		report(300);
	}

	@Test
	void noHostileCsvIsAServerError() throws Exception {
		JsonNode document = setUp();
		List<byte[]> files = List.of(new byte[0], "\n\n\n".getBytes(StandardCharsets.UTF_8),
				"email\nada\u0000@client.test\n".getBytes(StandardCharsets.UTF_8),
				"name\nexample\u0000.test\n".getBytes(StandardCharsets.UTF_8),
				new byte[] { 'e', 'm', 'a', 'i', 'l', '\n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n' },
				("\"unterminated,quote\n" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8),
				"email,email,email\n,,,,,,,\n".getBytes(StandardCharsets.UTF_8),
				"value,kind\n\u0000,\u0000\n".getBytes(StandardCharsets.UTF_8));
		for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
			Map.Entry<String, JsonNode> path = paths.next();
			JsonNode content = path.getValue().path("post").path("requestBody").path("content");
			if (!content.has("text/csv")) {
				continue;
			}
			for (byte[] file : files) {
				exchange("post", path.getKey(), abbreviate(new String(file, StandardCharsets.UTF_8)),
						request("post", concrete(path.getKey(), ids)).contentType("text/csv").content(file));
			}
		}
		report(20);
	}

	private JsonNode setUp() throws Exception {
		account = fixtures.verifiedAccount("fuzz");
		api = newKey();
		JsonNode document = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/docs/openapi.json"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		contract = OpenApiContract.served(mvc);
		ids = resources();
		return document;
	}

	/**
	 * Sends one request; a 5xx (or an exception MockMvc rethrows, a 500 on a real server)
	 * is a failure, and so is an answer the document does not describe.
	 */
	private void exchange(String method, String documented, String what, MockHttpServletRequestBuilder request)
			throws Exception {
		sent++;
		String call = method.toUpperCase() + " " + documented + " " + what;
		try {
			Api.Response response = rotatingKey().send(request);
			if (response.status() >= 500) {
				failures.add(call + " -> " + response.status());
			}
			else {
				String mismatch = contract.checkResponse(method, concrete(documented, ids), response.raw());
				if (!mismatch.isEmpty()) {
					undocumented.add(call + " -> " + response.status() + " " + mismatch);
				}
			}
		}
		catch (Exception ex) {
			Throwable cause = ex;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			failures.add(call + " -> 500 " + cause);
		}
	}

	private void report(int least) {
		System.out.println("API fuzz: " + sent + " hostile requests, " + failures.size() + " server errors, "
				+ undocumented.size() + " answers not in the document");
		assertThat(sent).isGreaterThan(least);
		assertThat(failures).isEmpty();
		assertThat(undocumented).isEmpty();
	}

	private static MockHttpServletRequestBuilder request(String method, String uri) {
		return MockMvcRequestBuilders.request(HttpMethod.valueOf(method.toUpperCase()), URI.create(uri));
	}

	private static MockHttpServletRequestBuilder body(MockHttpServletRequestBuilder request, boolean hasBody) {
		return hasBody ? request.contentType(MediaType.APPLICATION_JSON).content("{}") : request;
	}

	private Api rotatingKey() {
		if (++calls % 40 == 0) {
			// Each key may send 50 requests in a burst (then 429): a fresh key keeps the
			// requests reaching the operations.
			api = newKey();
		}
		return api;
	}

	private Api newKey() {
		return fixtures.api(account, ApiKeyService.allScopes().toArray(String[]::new));
	}

	/** One real resource of each kind, so operations on {id} reach their body checks. */
	private Map<String, String> resources() throws Exception {
		Map<String, String> ids = new LinkedHashMap<>();
		String domain = "fuzz-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		ids.put("domains", api.post("/api/v1/domains", "{\"name\":\"" + domain + "\"}").body().get("id").asText());
		ids.put("mailboxes", api
			.post("/api/v1/mailboxes",
					"""
							{"email":"fuzz@%s","preset":"generic",
							 "smtp":{"host":"127.0.0.1","port":2525,"security":"NONE","username":"fuzz","password":"secret"},
							 "imap":{"host":"127.0.0.1","port":143,"security":"NONE","username":"fuzz","password":"secret"}}"""
						.formatted(domain))
			.body()
			.get("id")
			.asText());
		ids.put("templates",
				api.post("/api/v1/templates", "{\"name\":\"Fuzz\",\"subject\":\"Hi\",\"html\":\"<p>Hi</p>\"}")
					.body()
					.get("id")
					.asText());
		ids.put("contacts", api.post("/api/v1/contacts", "{\"email\":\"fuzz@client.test\"}").body().get("id").asText());
		ids.put("lists", api.post("/api/v1/lists", "{\"name\":\"Fuzz\"}").body().get("id").asText());
		ids.put("segments",
				api.post("/api/v1/segments", "{\"name\":\"Fuzz\",\"definition\":{\"match\":\"all\"}}")
					.body()
					.get("id")
					.asText());
		ids.put("campaigns", api.post("/api/v1/campaigns", "{\"name\":\"Fuzz\"}").body().get("id").asText());
		return ids;
	}

	/** {@code /api/v1/templates/{id}/preview} with the id of a real template. */
	private static String concrete(String path, Map<String, String> ids) {
		String[] parts = path.split("/");
		String kind = parts.length > 3 ? parts[3] : "";
		String id = ids.getOrDefault(kind, UUID.randomUUID().toString());
		return path.replaceAll("\\{[^}]+}", id);
	}

	private List<String> hostileBodies(JsonNode schema, JsonNode document) {
		List<String> bodies = new ArrayList<>(List.of("null", "[]", "\"text\"", "42", "{}", "{\"a\":", "[{}]"));
		for (JsonNode variant : variants(schema, document, 0)) {
			bodies.add(variant.toString());
		}
		return bodies;
	}

	/** Objects (or arrays of them) with one field made hostile at a time, to depth 3. */
	private List<JsonNode> variants(JsonNode schema, JsonNode document, int depth) {
		List<JsonNode> variants = new ArrayList<>();
		JsonNode properties = schema.path("properties");
		for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			for (JsonNode value : hostileValues()) {
				variants.add(NODES.objectNode().set(field.getKey(), value));
			}
			if (depth < 3) {
				JsonNode child = resolve(field.getValue(), document);
				JsonNode items = resolve(child.path("items"), document);
				for (JsonNode inner : variants(child, document, depth + 1)) {
					variants.add(NODES.objectNode().set(field.getKey(), inner));
				}
				for (JsonNode inner : variants(items, document, depth + 1)) {
					variants.add(NODES.objectNode().set(field.getKey(), NODES.arrayNode().add(inner)));
				}
				if (!items.isMissingNode()) {
					variants.add(NODES.objectNode().set(field.getKey(), NODES.arrayNode().addNull()));
				}
			}
		}
		return variants;
	}

	private static List<JsonNode> hostileValues() {
		ArrayNode many = NODES.arrayNode();
		for (int i = 0; i < 2000; i++) {
			many.add(UUID.nameUUIDFromBytes(new byte[] { (byte) i, (byte) (i >> 8) }).toString());
		}
		ObjectNode object = NODES.objectNode().put("a", "b");
		return List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("x".repeat(20_000)),
				NODES.textNode("a\u0000b"), NODES.textNode("a\ud800b"), NODES.textNode("not-a-uuid"),
				NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(1.5e300),
				NODES.booleanNode(true), object, NODES.arrayNode().add("x"), many);
	}

	private static JsonNode resolve(JsonNode schema, JsonNode document) {
		JsonNode current = schema;
		for (int i = 0; i < 5 && current.has("$ref"); i++) {
			String ref = current.get("$ref").asText();
			current = document.at(ref.substring(1));
		}
		return current;
	}

	private static String abbreviate(String body) {
		return body.length() > 160 ? body.substring(0, 160) + "…" : body;
	}

}
