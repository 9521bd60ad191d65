package com.penguinmails.webhooks.internal.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jackson JSON as the plain Java values CEL evaluates: objects as {@code Map<String, ?>},
 * arrays as {@code List}, integral numbers as {@code Long} (CEL {@code int}, int64),
 * other numbers as {@code Double}, strings, booleans; JSON {@code null} as CEL
 * {@code null} ({@code NullValue}).
 */
final class JsonValues {

	private JsonValues() {
	}

	/** The Java value of a JSON node, recursively. */
	static Object of(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return dev.cel.common.values.NullValue.NULL_VALUE;
		}
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			node.properties().forEach(e -> map.put(e.getKey(), of(e.getValue())));
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			node.forEach(item -> list.add(of(item)));
			return list;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.asText();
	}

}
