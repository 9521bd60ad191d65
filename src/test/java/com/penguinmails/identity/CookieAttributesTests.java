package com.penguinmails.identity;

import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login cookies (session and remember-me) are HttpOnly, SameSite=Lax, and Secure when
 * the request came over https (RFC 6265bis).
 */
@IntegrationTest
class CookieAttributesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Test
	void loginCookiesOverHttpsAreSecureHttpOnlyAndSameSiteLax() throws Exception {
		Account account = fixtures.verifiedAccount("cookies");
		WebSession browser = new WebSession(mvc, Fixtures.uniqueIp());
		MvcResult result = browser.perform(MockMvcRequestBuilders.post("https://penguin.example/login")
			.secure(true)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("email", account.email())
			.param("password", Fixtures.PASSWORD)
			.param("remember-me", "true"));
		// Spring Session writes its header itself; remember-me is a Servlet cookie whose
		// attributes the container (Tomcat's RFC 6265 cookie processor) writes out.
		List<String> headers = result.getResponse().getHeaders("Set-Cookie");
		assertThat(headers).filteredOn(header -> header.startsWith("SESSION="))
			.singleElement()
			.satisfies(header -> assertThat(header).contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
		Cookie rememberMe = result.getResponse().getCookie("remember-me");
		assertThat(rememberMe).isNotNull();
		assertThat(rememberMe.getSecure()).isTrue();
		assertThat(rememberMe.isHttpOnly()).isTrue();
		assertThat(rememberMe.getAttribute("SameSite")).isEqualTo("Lax");
	}

}
