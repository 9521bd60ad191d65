package com.penguinmails.identity.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /api/docs/openapi.json}, with the bearer API key scheme.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI penguinMailsOpenApi() {
		return new OpenAPI()
			.info(new Info().title("PenguinMails API")
				.version("v1")
				.description("Authenticate with an API key: Authorization: Bearer pm_... "
						+ "Errors are RFC 9457 problem details. Each key: 10 requests/s, bursts of 50."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("pm_...")));
	}

}
