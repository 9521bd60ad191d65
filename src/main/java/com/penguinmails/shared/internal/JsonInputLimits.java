package com.penguinmails.shared.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Component;

/**
 * Bounds what JSON read by the application may hold, once for every body, so that hostile
 * input is refused as a 400 naming the field (see {@link ProblemDetailsAdvice}) instead
 * of failing later in PostgreSQL or in memory:
 * <ul>
 * <li>strings (values and object keys) never contain U+0000 (PostgreSQL refuses NUL in
 * {@code text} and {@code jsonb}) nor an unpaired UTF-16 surrogate (not a Unicode scalar
 * value, RFC 8259 §8.2: not interoperable, and not encodable as UTF-8);</li>
 * <li>a string holds at most {@value #MAX_STRING_LENGTH} characters, or the {@code max}
 * of a {@link Size @Size} on its property (message bodies are longer);</li>
 * <li>an array or object holds at most {@value #MAX_ITEMS} items, or the {@code max} of a
 * {@link Size @Size} on its property.</li>
 * </ul>
 * The error is a {@link MismatchedInputException}; Jackson adds the path of the field.
 */
@Component
class JsonInputLimits extends SimpleModule {

	/** The longest string a JSON field holds unless its property says otherwise. */
	static final int MAX_STRING_LENGTH = 10_000;

	/** The most items a JSON array or object holds unless its property says otherwise. */
	static final int MAX_ITEMS = 1_000;

	JsonInputLimits() {
		super("penguinmails-json-input-limits");
		addDeserializer(String.class, new CheckedString(MAX_STRING_LENGTH));
		addKeyDeserializer(String.class, new CheckedKey());
		setDeserializerModifier(new BeanDeserializerModifier() {

			@Override
			public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
					BeanDescription description, JsonDeserializer<?> deserializer) {
				return new BoundedContainer(deserializer, MAX_ITEMS);
			}

			@Override
			public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
					BeanDescription description, JsonDeserializer<?> deserializer) {
				return new BoundedContainer(deserializer, MAX_ITEMS);
			}

			@Override
			public JsonDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
					BeanDescription description, JsonDeserializer<?> deserializer) {
				return new BoundedContainer(deserializer, MAX_ITEMS);
			}

		});
	}

	/**
	 * Why a string is refused, or null: NUL, an unpaired surrogate, or more than
	 * {@code max} characters.
	 */
	static String problem(String value, int max) {
		if (value.length() > max) {
			return "must be at most " + max + " characters long (" + value.length() + " given)";
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return "must not contain a NUL character (U+0000)";
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return String.format("must not contain an unpaired surrogate (U+%04X)", (int) c);
			}
		}
		return null;
	}

	private static int sizeMax(BeanProperty property, boolean container, int fallback) {
		if (property == null || property.getType().isContainerType() != container) {
			return fallback;
		}
		Size size = property.getAnnotation(Size.class);
		return size == null ? fallback : size.max();
	}

	/** Strings, through Jackson's own deserializer, then checked. */
	static final class CheckedString extends StdScalarDeserializer<String> implements ContextualDeserializer {

		private final int max;

		CheckedString(int max) {
			super(String.class);
			this.max = max;
		}

		@Override
		public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
			int limit = sizeMax(property, false, MAX_STRING_LENGTH);
			return limit == max ? this : new CheckedString(limit);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			String value = StringDeserializer.instance.deserialize(parser, context);
			if (value != null) {
				String problem = problem(value, max);
				if (problem != null) {
					throw MismatchedInputException.from(parser, String.class, problem);
				}
			}
			return value;
		}

	}

	/** Object keys of maps ({@code custom} fields, merge patches). */
	static final class CheckedKey extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) throws IOException {
			String problem = problem(key, MAX_STRING_LENGTH);
			if (problem != null) {
				throw MismatchedInputException.from(context.getParser(), String.class, "a key " + problem);
			}
			return key;
		}

	}

	/** An array, collection or map, counted once read. */
	static final class BoundedContainer extends DelegatingDeserializer {

		private final int max;

		BoundedContainer(JsonDeserializer<?> delegate, int max) {
			super(delegate);
			this.max = max;
		}

		@Override
		protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
			return new BoundedContainer(delegate, max);
		}

		@Override
		public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
				throws JsonMappingException {
			JsonDeserializer<?> contextual = super.createContextual(context, property);
			int limit = sizeMax(property, true, MAX_ITEMS);
			if (contextual instanceof BoundedContainer bounded && bounded.max != limit) {
				return new BoundedContainer(bounded._delegatee, limit);
			}
			return contextual;
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			Object value = super.deserialize(parser, context);
			int size = value instanceof Collection<?> collection ? collection.size() : value instanceof Map<?, ?> map
					? map.size()
					: value != null && value.getClass().isArray() ? java.lang.reflect.Array.getLength(value) : 0;
			if (size > max) {
				throw MismatchedInputException.from(parser, value.getClass(),
						"must hold at most " + max + " items (" + size + " given)");
			}
			return value;
		}

	}

}
