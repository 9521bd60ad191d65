package com.penguinmails.shared;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Some ids of a bulk request name nothing in the caller's workspace (they may exist in
 * another): 404, with the ids in the RFC 9457 extension member {@code unknownIds}, and
 * nothing of the request done. A bulk request never skips such ids silently.
 */
public class UnknownIdsProblem extends Problem {

	private final List<UUID> unknownIds;

	/**
	 * @param what the plural of what the ids name, e.g. "Contacts"
	 * @param unknownIds the ids not found (at least one)
	 */
	public UnknownIdsProblem(String what, Collection<UUID> unknownIds) {
		super(org.springframework.http.HttpStatus.NOT_FOUND, "not-found",
				what + " not found: "
						+ unknownIds.stream().limit(20).map(UUID::toString).collect(Collectors.joining(", "))
						+ (unknownIds.size() > 20 ? " and " + (unknownIds.size() - 20) + " more" : "") + ".");
		this.unknownIds = List.copyOf(unknownIds);
	}

	public List<UUID> unknownIds() {
		return unknownIds;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("unknownIds", unknownIds);
	}

}
