package com.penguinmails.contacts.internal;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvInputTests {

	@TempDir
	Path dir;

	private static Path file(String name) throws URISyntaxException {
		return Path.of(CsvInputTests.class.getResource("/contacts/imports/" + name).toURI());
	}

	private static String encodingOf(String name) throws Exception {
		return CsvInput.encoding(file(name), null).name();
	}

	@Test
	void byteOrderMarksComeFirst() throws Exception {
		assertThat(CsvInput.encoding(file("utf16le_bom.csv"), null)).extracting("source", "bomLength")
			.containsExactly("bom", 2);
		assertThat(encodingOf("utf16le_bom.csv")).isEqualTo("UTF-16LE");
		assertThat(encodingOf("utf16be_bom.csv")).isEqualTo("UTF-16BE");
		assertThat(encodingOf("utf8_bom.csv")).isEqualTo("UTF-8");
	}

	@Test
	void tellsLegacyCodePagesFromTheBytes() throws Exception {
		assertThat(encodingOf("csv_windows1252.csv")).isEqualTo("windows-1252");
		assertThat(encodingOf("windows1252_euro.csv")).isEqualTo("windows-1252");
		assertThat(encodingOf("iso8859_1.csv")).isIn("ISO-8859-1", "windows-1252");
		assertThat(encodingOf("iso8859_2.csv")).isEqualTo("ISO-8859-2");
		assertThat(encodingOf("csv_idn_domain.csv")).isEqualTo("UTF-8");
	}

	@Test
	void readsTheTextWithoutReplacementCharacters() throws Exception {
		for (String name : new String[] { "csv_windows1252.csv", "windows1252_euro.csv", "iso8859_1.csv",
				"iso8859_2.csv", "utf16le_bom.csv", "utf16be_bom.csv", "utf8_bom.csv" }) {
			String text = CsvInput.head(file(name), CsvInput.encoding(file(name), null));
			assertThat(text).as(name).startsWith("email").doesNotContain("\uFFFD");
		}
		assertThat(CsvInput.head(file("windows1252_euro.csv"), CsvInput.encoding(file("windows1252_euro.csv"), null)))
			.contains("Café € Bar", "“Crème” Brûlée – Co");
		assertThat(CsvInput.head(file("iso8859_2.csv"), CsvInput.encoding(file("iso8859_2.csv"), null)))
			.contains("Łukasz", "Żółkiewski", "Dvořák", "Szőke");
	}

	@Test
	void aNamedEncodingWinsAndAnUnknownNameIsRefused() throws Exception {
		assertThat(CsvInput.encoding(file("iso8859_2.csv"), CsvInput.named("latin2")).name()).isEqualTo("ISO-8859-2");
		assertThat(CsvInput.named("auto")).isNull();
		assertThatThrownBy(() -> CsvInput.named("klingon-8")).isInstanceOf(CsvInput.UnknownEncoding.class)
			.hasMessageContaining("klingon-8");
	}

	@Test
	void aByteNotValidInTheEncodingIsAnErrorNeverAReplacementCharacter() throws Exception {
		Path bad = dir.resolve("bad.csv");
		Files.write(bad, new byte[] { 'e', 'm', 'a', 'i', 'l', '\n', 'a', (byte) 0xE9, '\n' });
		var utf8 = new CsvInput.Encoding(StandardCharsets.UTF_8, "given", 0);
		try (var reader = CsvInput.reader(Files.newInputStream(bad), utf8)) {
			assertThatThrownBy(() -> reader.transferTo(new java.io.StringWriter()))
				.isInstanceOf(java.nio.charset.CharacterCodingException.class);
		}
	}

	@Test
	void guessesTheDelimiterFromTheFirstLines() {
		assertThat(CsvInput.guessDelimiter("email;first_name;company\na@b.test;A;\"X, Y\"\n")).isEqualTo(';');
		assertThat(CsvInput.guessDelimiter("email\tfirst_name\na@b.test\tA, B\n")).isEqualTo('\t');
		assertThat(CsvInput.guessDelimiter("email|first_name\na@b.test|A\n")).isEqualTo('|');
		assertThat(CsvInput.guessDelimiter("email,first_name,company\na@b.test,A,\"B; C\"\n")).isEqualTo(',');
		assertThat(CsvInput.guessDelimiter("email\na@b.test\n")).isEqualTo(',');
	}

	@Test
	void readsExcelsSepLine() {
		assertThat(CsvInput.excelSeparator("sep=;\r\nemail;name\r\n")).isEqualTo(';');
		assertThat(CsvInput.excelSeparator("\"sep=|\"\nemail|name\n")).isEqualTo('|');
		assertThat(CsvInput.excelSeparator("email;name\n")).isNull();
	}

}
