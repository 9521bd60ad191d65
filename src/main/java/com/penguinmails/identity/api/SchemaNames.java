package com.penguinmails.identity.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Names the OpenAPI schemas of our nested types after their enclosing types, so that
 * {@code Campaigns.Draft} ({@code CampaignsDraft}) and {@code Templates.Draft}
 * ({@code TemplatesDraft}) are two schemas instead of one silently replacing the other. A
 * name a different class already holds falls back to the fully qualified name.
 */
final class SchemaNames extends TypeNameResolver {

	private final Map<String, Class<?>> owners = new ConcurrentHashMap<>();

	@Override
	protected String getNameOfClass(Class<?> type) {
		if (!type.getName().startsWith("com.penguinmails.")) {
			return super.getNameOfClass(type);
		}
		StringBuilder name = new StringBuilder(type.getSimpleName());
		for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
			name.insert(0, outer.getSimpleName());
		}
		Class<?> owner = owners.putIfAbsent(name.toString(), type);
		return owner == null || owner == type ? name.toString() : type.getName().replace('$', '.');
	}

}
