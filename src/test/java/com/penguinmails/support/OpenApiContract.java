package com.penguinmails.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The served OpenAPI document ({@code /api/docs/openapi.json}) as a contract: every API
 * call given to {@link #check(MvcResult)} has its request and its response validated
 * against it with Atlassian's swagger-request-validator (path, method, parameters,
 * content types, body schemas, the status code documented), and {@link #violations()}
 * lists what did not match.
 */
public final class OpenApiContract {

	private final OpenApiInteractionValidator validator;

	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	private OpenApiContract(OpenApiInteractionValidator validator) {
		this.validator = validator;
	}

	/** The contract of the document the application serves now. */
	public static OpenApiContract served(MockMvc mvc) throws Exception {
		String document = mvc.perform(MockMvcRequestBuilders.get("/api/docs/openapi.json"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return new OpenApiContract(OpenApiInteractionValidator.createForInlineApiSpecification(document).build());
	}

	/** Validates one exchange made through MockMvc; a violation is kept, not thrown. */
	public MvcResult check(MvcResult result) throws Exception {
		MockHttpServletRequest request = result.getRequest();
		MockHttpServletResponse response = result.getResponse();
		SimpleRequest.Builder sent = new SimpleRequest.Builder(request.getMethod(), request.getRequestURI());
		for (String name : Collections.list(request.getHeaderNames())) {
			sent.withHeader(name, Collections.list(request.getHeaders(name)));
		}
		request.getParameterMap().forEach((name, values) -> sent.withQueryParam(name, values));
		byte[] body = request.getContentAsByteArray();
		if (body != null && body.length > 0) {
			sent.withBody(body);
		}
		ValidationReport report = validator.validate(sent.build(), received(response));
		if (report.hasErrors()) {
			violations.add(request.getMethod() + " " + request.getRequestURI() + " -> " + response.getStatus() + "\n"
					+ SimpleValidationReportFormat.getInstance().apply(report));
		}
		return result;
	}

	/**
	 * Validates a response alone (status documented, content type, body schema), for
	 * requests that are deliberately not what the document allows.
	 * @return what did not match, empty when all did
	 */
	public String checkResponse(String method, String uri, MockHttpServletResponse response) throws Exception {
		ValidationReport report = validator.validateResponse(uri, Request.Method.valueOf(method.toUpperCase()),
				received(response));
		return report.hasErrors() ? SimpleValidationReportFormat.getInstance().apply(report) : "";
	}

	private static SimpleResponse received(MockHttpServletResponse response) throws Exception {
		SimpleResponse.Builder received = new SimpleResponse.Builder(response.getStatus());
		for (String name : response.getHeaderNames()) {
			received.withHeader(name, response.getHeaders(name));
		}
		String text = response.getContentAsString(StandardCharsets.UTF_8);
		if (!text.isEmpty()) {
			received.withBody(text);
		}
		return received.build();
	}

	/** What did not match the document, one entry per exchange. */
	public List<String> violations() {
		return List.copyOf(violations);
	}

}
