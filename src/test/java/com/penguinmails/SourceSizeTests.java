package com.penguinmails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classes and methods stay small enough to read and change (issue 12): no source file of
 * the application over 400 lines, no method or constructor over 60 lines (Javadoc and
 * annotations not counted; a record's component list is a declaration, not a method).
 * Read with JavaParser from {@code src/main/java}.
 */
class SourceSizeTests {

	static final int MAX_FILE_LINES = 400;

	static final int MAX_METHOD_LINES = 60;

	static final Path SOURCES = Path.of("src/main/java");

	@BeforeAll
	static void java17() {
		StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
	}

	@Test
	void noClassIsOver400Lines() throws IOException {
		List<String> large = new ArrayList<>();
		for (Path file : sources()) {
			long lines = Files.readAllLines(file).size();
			if (lines > MAX_FILE_LINES) {
				large.add(SOURCES.relativize(file) + ": " + lines + " lines");
			}
		}
		assertThat(large).as("files over %d lines", MAX_FILE_LINES).isEmpty();
	}

	@Test
	void noMethodIsOver60Lines() throws IOException {
		List<String> long_ = new ArrayList<>();
		for (Path file : sources()) {
			CompilationUnit unit = StaticJavaParser.parse(file);
			for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
				int lines = bodyLines(callable);
				if (lines > MAX_METHOD_LINES) {
					String owner = callable.findAncestor(TypeDeclaration.class)
						.map(type -> type.getNameAsString())
						.orElse("?");
					long_.add(SOURCES.relativize(file) + ": " + owner + "." + callable.getNameAsString() + " " + lines
							+ " lines");
				}
			}
		}
		assertThat(long_).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
	}

	/**
	 * From the signature's first line to the closing brace, annotations and Javadoc left
	 * out.
	 */
	private static int bodyLines(CallableDeclaration<?> callable) {
		int end = callable.getEnd().orElseThrow().line;
		int start = callable.getName().getBegin().orElseThrow().line;
		return end - start + 1;
	}

	private static List<Path> sources() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
		}
	}

}
