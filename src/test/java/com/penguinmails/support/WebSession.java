package com.penguinmails.support;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A browser-like client over MockMvc: keeps cookies (the Spring Session cookie,
 * remember-me) between requests, sends CSRF tokens with forms, and comes from a chosen IP
 * address.
 */
public final class WebSession {

	private final MockMvc mvc;

	private final String ip;

	private final Map<String, Cookie> cookies = new LinkedHashMap<>();

	public WebSession(MockMvc mvc, String ip) {
		this.mvc = mvc;
		this.ip = ip;
	}

	public MvcResult get(String path) throws Exception {
		return perform(MockMvcRequestBuilders.get(path));
	}

	/** A form POST with CSRF token; params are name, value pairs. */
	public MvcResult post(String path, String... params) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return perform(request);
	}

	public MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
		request.with(r -> {
			r.setRemoteAddr(ip);
			return r;
		});
		request.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
		if (!cookies.isEmpty()) {
			request.cookie(cookies.values().toArray(Cookie[]::new));
		}
		MvcResult result = mvc.perform(request).andReturn();
		if (result.getRequest().isAsyncStarted()) {
			// A streamed body (StreamingResponseBody): wait for it, then finish the
			// exchange as the container would.
			result.getAsyncResult(120_000);
			result = mvc.perform(MockMvcRequestBuilders.asyncDispatch(result)).andReturn();
		}
		for (Cookie cookie : result.getResponse().getCookies()) {
			if (cookie.getMaxAge() == 0) {
				cookies.remove(cookie.getName());
			}
			else {
				cookies.put(cookie.getName(), cookie);
			}
		}
		return result;
	}

	public boolean hasCookie(String name) {
		return cookies.containsKey(name);
	}

	public void dropCookie(String name) {
		cookies.remove(name);
	}

	public String ip() {
		return ip;
	}

}
