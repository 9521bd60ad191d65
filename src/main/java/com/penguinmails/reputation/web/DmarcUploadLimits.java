package com.penguinmails.reputation.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import com.penguinmails.reputation.DmarcReports;

/**
 * The limits of a DMARC upload ({@code POST /reputation/dmarc/upload} and
 * {@code POST /api/v1/reputation/dmarc/files} as {@code multipart/form-data}) said in
 * words: the servlet container refuses a body over its part count
 * ({@code server.tomcat.max-part-count}), file size
 * ({@code spring.servlet.multipart.max-file-size}) or total size
 * ({@code spring.servlet.multipart.max-request-size}) before any controller runs, so the
 * body is read here first. A page request goes back to {@code /reputation/dmarc} with the
 * message (flash attribute {@code error}); an API request gets a 413 RFC 9457 problem
 * whose detail and {@code maxFiles}/{@code maxFileBytes}/{@code maxRequestBytes} give the
 * real limits, with the type {@code too-many-files} or {@code upload-too-large}. Other
 * uploads (the contacts import) keep the application's general handling.
 * <p>
 * It runs after the session filter (the flash message needs the session) and before
 * Spring Security, which would otherwise refuse the page form as missing its CSRF token
 * (a body that cannot be read has no {@code _csrf} field). The redirect changes nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DmarcUploadLimits extends OncePerRequestFilter {

	static final String PAGE = "/reputation/dmarc/upload";

	static final String API = "/api/v1/reputation/dmarc/files";

	private final long maxFileBytes;

	private final long maxRequestBytes;

	private final ObjectMapper json;

	DmarcUploadLimits(MultipartProperties multipart, ObjectMapper json) {
		this.maxFileBytes = multipart.getMaxFileSize().toBytes();
		this.maxRequestBytes = multipart.getMaxRequestSize().toBytes();
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String type = request.getContentType();
		return !"POST".equals(request.getMethod()) || !(PAGE.equals(path) || API.equals(path)) || type == null
				|| !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal;
		try {
			request.getParts();
			refusal = null;
		}
		catch (IllegalStateException | IOException | ServletException ex) {
			refusal = refusal(ex);
		}
		if (refusal == null) {
			chain.doFilter(request, response);
		}
		else if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			problem(request, response, refusal);
		}
		else {
			FlashMap flash = new FlashMap();
			flash.put("error", message(refusal));
			flash.setTargetRequestPath(request.getContextPath() + "/reputation/dmarc");
			new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
			response.sendRedirect(request.getContextPath() + "/reputation/dmarc");
		}
	}

	/**
	 * {@code too-many-files}, {@code upload-too-large}, or {@code null} for a body that
	 * is not refused for a limit (left to the application's handling).
	 */
	private static String refusal(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			if (name.contains("FileCountLimit")) {
				return "too-many-files";
			}
			if (name.contains("SizeLimit") || name.contains("SizeException")) {
				return "upload-too-large";
			}
		}
		return null;
	}

	private String message(String refusal) {
		if ("too-many-files".equals(refusal)) {
			return "That is too many files at once: upload at most " + DmarcReports.MAX_FILES
					+ " report files at a time (a zip of many reports counts as one file). Nothing was stored.";
		}
		return "That upload is too large: each file may be at most " + megabytes(maxFileBytes)
				+ " and all files together at most " + megabytes(maxRequestBytes)
				+ ". Upload fewer files at a time, or zip them. Nothing was stored.";
	}

	private void problem(HttpServletRequest request, HttpServletResponse response, String refusal) throws IOException {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, message(refusal));
		body.setType(URI.create("https://penguinmails.dev/problems/" + refusal));
		body.setTitle(HttpStatus.PAYLOAD_TOO_LARGE.getReasonPhrase());
		body.setInstance(URI.create(request.getRequestURI()));
		body.setProperty("maxFiles", DmarcReports.MAX_FILES);
		body.setProperty("maxFileBytes", maxFileBytes);
		body.setProperty("maxRequestBytes", maxRequestBytes);
		response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), body);
	}

	private static String megabytes(long bytes) {
		return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
	}

}
