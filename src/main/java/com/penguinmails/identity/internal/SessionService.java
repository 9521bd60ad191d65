package com.penguinmails.identity.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

import com.penguinmails.shared.NotFoundProblem;

/**
 * A user's signed-in sessions (stored in PostgreSQL by Spring Session): list them, revoke
 * one, or revoke them all together with the remember-me tokens.
 */
@Service
public class SessionService {

	/** Session attributes written at login. */
	public static final String IP = "pm.ip";

	public static final String USER_AGENT = "pm.userAgent";

	public static final String SIGNED_IN_AT = "pm.signedInAt";

	public record ActiveSession(String id, String device, String ip, Instant signedInAt, Instant lastSeen,
			boolean current) {
	}

	private final FindByIndexNameSessionRepository<? extends Session> repository;

	private final PersistentTokenRepository rememberMeTokens;

	SessionService(FindByIndexNameSessionRepository<? extends Session> repository,
			PersistentTokenRepository rememberMeTokens) {
		this.repository = repository;
		this.rememberMeTokens = rememberMeTokens;
	}

	public List<ActiveSession> sessionsOf(UUID userId, String currentSessionId) {
		Map<String, ? extends Session> sessions = repository.findByPrincipalName(userId.toString());
		return sessions.values()
			.stream()
			.filter(s -> !s.isExpired())
			.map(s -> new ActiveSession(s.getId(), Devices.describe(s.getAttribute(USER_AGENT)), s.getAttribute(IP),
					s.getAttribute(SIGNED_IN_AT), s.getLastAccessedTime(), s.getId().equals(currentSessionId)))
			.sorted(Comparator.comparing(ActiveSession::lastSeen).reversed())
			.toList();
	}

	/** Revokes one of the user's sessions; another user's session id is "not found". */
	public void revoke(UUID userId, String sessionId) {
		if (!repository.findByPrincipalName(userId.toString()).containsKey(sessionId)) {
			throw new NotFoundProblem("Session");
		}
		repository.deleteById(sessionId);
	}

	public void revokeAll(UUID userId) {
		repository.findByPrincipalName(userId.toString()).keySet().forEach(repository::deleteById);
		rememberMeTokens.removeUserTokens(userId.toString());
	}

	public void revokeAllExcept(UUID userId, String keepSessionId) {
		repository.findByPrincipalName(userId.toString())
			.keySet()
			.stream()
			.filter(id -> !id.equals(keepSessionId))
			.forEach(repository::deleteById);
		rememberMeTokens.removeUserTokens(userId.toString());
	}

}
