package com.penguinmails.webhooks.internal.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded cache of compiled expressions by their text: the least recently used one goes
 * when it is full. Thread-safe; compiling happens outside the lock, so two threads may
 * compile the same text once each.
 */
final class ExpressionCache<T> {

	private final Map<String, T> entries;

	ExpressionCache(int capacity) {
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
				return size() > capacity;
			}

		};
	}

	T get(String text, Function<String, T> compile) {
		synchronized (entries) {
			T cached = entries.get(text);
			if (cached != null) {
				return cached;
			}
		}
		T compiled = compile.apply(text);
		synchronized (entries) {
			entries.put(text, compiled);
		}
		return compiled;
	}

	int size() {
		synchronized (entries) {
			return entries.size();
		}
	}

}
