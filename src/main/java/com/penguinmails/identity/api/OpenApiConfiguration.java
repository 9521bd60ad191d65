package com.penguinmails.identity.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The OpenAPI document at {@code /api/docs/openapi.json}, with the bearer API key scheme,
 * schema names that never collide ({@link SchemaNames}), and the RFC 9457 problem
 * responses of every operation ({@link ProblemResponses}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI penguinMailsOpenApi() {
		return new OpenAPI()
			.info(new Info().title("PenguinMails API")
				.version("v1")
				.description("Authenticate with an API key: Authorization: Bearer pm_... "
						+ "Errors are RFC 9457 problem details (application/problem+json). "
						+ "Each key: 10 requests/s, bursts of 50. JSON strings hold at most 10,000 "
						+ "characters (message bodies 1,000,000) and never U+0000 or an unpaired "
						+ "surrogate; arrays and objects at most 1,000 items, unless a field says otherwise."))
			.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("pm_..."))
				.addSchemas(ProblemResponses.SCHEMA, problemDetail()));
	}

	/**
	 * Replaces springdoc's default model resolver (same class, so it takes its place)
	 * with one that names schemas by {@link SchemaNames}. First in order, so springdoc's
	 * own converters stay in front of it.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ModelResolver penguinMailsModelResolver(ObjectMapperProvider mappers) {
		ObjectMapper mapper = mappers.jsonMapper();
		return new ModelResolver(mapper, new SchemaNames());
	}

	@Bean
	OperationCustomizer problemResponses() {
		return new ProblemResponses();
	}

	/** RFC 9457 §3: the members we use; extensions (errors, reasons, ...) are allowed. */
	private static ObjectSchema problemDetail() {
		ObjectSchema schema = new ObjectSchema();
		schema.description("RFC 9457 problem details; extension members such as errors (field to message) "
				+ "or reasons may follow");
		schema.addProperty("type", new StringSchema().description("https://penguinmails.dev/problems/{slug}"));
		schema.addProperty("title", new StringSchema());
		schema.addProperty("status", new IntegerSchema());
		schema.addProperty("detail", new StringSchema());
		schema.addProperty("instance", new StringSchema());
		schema.additionalProperties(true);
		return schema;
	}

}
