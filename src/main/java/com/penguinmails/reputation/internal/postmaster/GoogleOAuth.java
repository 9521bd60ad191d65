package com.penguinmails.reputation.internal.postmaster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Google's side of OAuth 2.0 (RFC 6749) for Postmaster Tools: the authorization request
 * (authorization code grant with PKCE, RFC 7636, offline access so Google issues a
 * refresh token), the code exchange and the refresh. The token requests are Spring
 * Security's {@code RestClient*TokenResponseClient}s used standalone (OAuth login is not
 * enabled); a refusal by Google is an {@code OAuth2AuthorizationException} whose error
 * code is the RFC 6749 §5.2 code ({@code invalid_grant}: expired or revoked).
 */
@Component
public class GoogleOAuth {

	/** Where Google sends the browser back. */
	public static final String CALLBACK_PATH = "/reputation/postmaster/google/callback";

	/**
	 * An authorization request waiting for Google's answer, kept in the user's session.
	 *
	 * @param state the RFC 6749 §10.12 state value the answer must carry
	 * @param codeVerifier the RFC 7636 code verifier
	 * @param workspaceId the workspace the account is connected to
	 */
	public record Pending(String state, String codeVerifier,
			java.util.UUID workspaceId) implements java.io.Serializable {
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PostmasterProperties properties;

	private final String redirectUri;

	private final RestClientAuthorizationCodeTokenResponseClient codeClient = new RestClientAuthorizationCodeTokenResponseClient();

	private final RestClientRefreshTokenTokenResponseClient refreshClient = new RestClientRefreshTokenTokenResponseClient();

	private final RestClient revokeClient;

	GoogleOAuth(PostmasterProperties properties, PenguinMailsProperties application) {
		this.properties = properties;
		this.revokeClient = RestClient.builder()
			.requestFactory(HttpClients.requestFactory(properties.timeout()))
			.build();
		String base = application.baseUrl().toString();
		this.redirectUri = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK_PATH;
		RestClient rest = RestClient.builder()
			.requestFactory(HttpClients.requestFactory(properties.timeout()))
			.messageConverters(converters -> {
				converters.clear();
				converters.add(new FormHttpMessageConverter());
				converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		codeClient.setRestClient(rest);
		refreshClient.setRestClient(rest);
	}

	/** A new pending request for the workspace: fresh state and code verifier. */
	public Pending start(java.util.UUID workspaceId) {
		return new Pending(random(), random(), workspaceId);
	}

	/** The URL of Google's consent page for {@code pending}. */
	public String authorizationUrl(Pending pending) {
		return request(pending).getAuthorizationRequestUri();
	}

	/**
	 * Exchanges the code Google returned (RFC 6749 §4.1.3) for tokens.
	 * @throws org.springframework.security.oauth2.core.OAuth2AuthorizationException when
	 * Google refuses or cannot be reached
	 */
	public OAuth2AccessTokenResponse exchange(Pending pending, String code) {
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
			.redirectUri(redirectUri)
			.state(pending.state())
			.build();
		return codeClient.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration(),
				new OAuth2AuthorizationExchange(request(pending), response)));
	}

	/**
	 * A new access token from the refresh token (RFC 6749 §6).
	 * @throws org.springframework.security.oauth2.core.OAuth2AuthorizationException with
	 * {@code invalid_grant} when the refresh token expired or was revoked
	 */
	public OAuth2AccessTokenResponse refresh(String refreshToken, Instant now) {
		// The request needs the old access token only to copy its scopes; the scope is
		// ours.
		OAuth2AccessToken old = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "expired",
				now.minusSeconds(2), now.minusSeconds(1), Set.of(PostmasterProperties.SCOPE));
		return refreshClient.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration(), old,
				new OAuth2RefreshToken(refreshToken, null), Set.of(PostmasterProperties.SCOPE)));
	}

	/**
	 * Revokes a token at Google (RFC 7009 §2.1), best effort: a disconnected workspace
	 * leaves no grant behind; a failure is ignored (the token is deleted here anyway).
	 */
	public void revoke(String token) {
		try {
			revokeClient.post()
				.uri(properties.googleRevokeUri())
				.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
				.body("token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8))
				.retrieve()
				.toBodilessEntity();
		}
		catch (RuntimeException ex) {
			// RFC 7009 §2.2.1: nothing the client can do; the token is forgotten here.
		}
	}

	/** Whether {@code state} is the pending request's, compared in constant time. */
	public static boolean sameState(Pending pending, String state) {
		return pending != null && state != null && MessageDigest
			.isEqual(pending.state().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
	}

	public String redirectUri() {
		return redirectUri;
	}

	private OAuth2AuthorizationRequest request(Pending pending) {
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(properties.googleAuthorizationUri().toString())
			.clientId(properties.googleClientId())
			.redirectUri(redirectUri)
			.scopes(Set.of(PostmasterProperties.SCOPE))
			.state(pending.state())
			// Google: access_type=offline issues a refresh token; prompt=consent issues
			// it
			// again when the account had granted access before.
			.additionalParameters(
					Map.of("access_type", "offline", "prompt", "consent", PkceParameterNames.CODE_CHALLENGE,
							challenge(pending.codeVerifier()), PkceParameterNames.CODE_CHALLENGE_METHOD, "S256"))
			.attributes(Map.of(PkceParameterNames.CODE_VERIFIER, pending.codeVerifier()))
			.build();
	}

	private ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("google-postmaster")
			.clientId(properties.googleClientId())
			.clientSecret(properties.googleClientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(redirectUri)
			.scope(PostmasterProperties.SCOPE)
			.authorizationUri(properties.googleAuthorizationUri().toString())
			.tokenUri(properties.googleTokenUri().toString())
			.build();
	}

	private static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	// RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))
	static String challenge(String verifier) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
