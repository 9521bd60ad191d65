package com.penguinmails.campaigns;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Reads a JSON integer and nothing else: {@code 1.5} or {@code "2"} is a 400 naming the
 * field, where Jackson would otherwise round 1.5 down to 1 (a step's delay is a whole
 * number of its unit).
 */
class WholeNumber extends StdDeserializer<Integer> {

	WholeNumber() {
		super(Integer.class);
	}

	@Override
	public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
			return parser.getIntValue();
		}
		throw InvalidFormatException.from(parser, "must be a whole number", parser.getText(), Integer.class);
	}

}
