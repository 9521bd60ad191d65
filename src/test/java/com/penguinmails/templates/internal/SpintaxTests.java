package com.penguinmails.templates.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.google.common.hash.Hashing;

import static org.assertj.core.api.Assertions.assertThat;

class SpintaxTests {

	private static Set<String> spunOver(String source, int seeds) {
		return IntStream.range(0, seeds)
			.mapToObj(i -> Spintax.spin(source, "contact-" + i))
			.collect(Collectors.toSet());
	}

	@Test
	void aFlatGroupIsChosenAsBeforeSoRecipientsKeepTheirText() {
		String source = "{Hi|Hello|Hey} Ada, {quick|short} question";
		for (int i = 0; i < 20; i++) {
			String seed = "contact-" + i;
			String first = List.of("Hi", "Hello", "Hey").get(pick(seed + ":0:Hi|Hello|Hey", 3));
			String second = List.of("quick", "short").get(pick(seed + ":1:quick|short", 2));
			assertThat(Spintax.spin(source, seed)).isEqualTo(first + " Ada, " + second + " question");
		}
	}

	private static int pick(String key, int options) {
		return Math.floorMod(Hashing.murmur3_32_fixed().hashString(key, StandardCharsets.UTF_8).asInt(), options);
	}

	@Test
	void nestedGroupsExpandToExactlyWhatTheSenderCanPick() {
		String source = "{Hi|{Hello|Hey} there|Good {morning|day}}, {{ first_name }}";
		List<String> all = Spintax.expandAll(source, 50);
		assertThat(all).containsExactly("Hi, {{ first_name }}", "Hello there, {{ first_name }}",
				"Hey there, {{ first_name }}", "Good morning, {{ first_name }}", "Good day, {{ first_name }}");
		assertThat(Spintax.combinations(source)).isEqualTo(5);
		assertThat(spunOver(source, 400)).containsExactlyInAnyOrderElementsOf(all);
	}

	@Test
	void optionsMayHoldLiquidAndLiquidFiltersAreNotSpintax() {
		String source = "{Hi {{ first_name | default: \"there\" }}|Hello}{% if a | b %}";
		assertThat(Spintax.expandAll(source, 50))
			.containsExactly("Hi {{ first_name | default: \"there\" }}{% if a | b %}", "Hello{% if a | b %}");
		assertThat(Spintax.combinations("{{ name | upcase }}")).isEqualTo(1);
		assertThat(Spintax.spin("{{ name | upcase }}", "x")).isEqualTo("{{ name | upcase }}");
	}

	@Test
	void bracesWithoutABarOrUnclosedStayAsWritten() {
		String css = "<style>p{color:red} @media (max-width:600px){ p{margin:0} }</style> {a|b";
		assertThat(Spintax.expandAll(css, 50)).containsExactly(css);
		assertThat(Spintax.spin(css, "seed")).isEqualTo(css);
		assertThat(Spintax.groups(css)).isEmpty();
		assertThat(Spintax.expandAll("{a|p{x}q} {b|c}}", 50)).containsExactly("a b}", "a c}", "p{x}q b}", "p{x}q c}");
	}

	@Test
	void groupsListNestedOnesWithTheirDepth() {
		List<Spintax.Group> groups = Spintax.groups("{Hi|{Hello|Hey} there} and {x|y}");
		assertThat(groups).extracting(Spintax.Group::source)
			.containsExactly("{Hi|{Hello|Hey} there}", "{Hello|Hey}", "{x|y}");
		assertThat(groups).extracting(Spintax.Group::depth).containsExactly(0, 1, 0);
		assertThat(groups.get(0).options()).containsExactly("Hi", "{Hello|Hey} there");
	}

	@Test
	void manyCombinationsAreCountedAndTheListIsCapped() {
		String source = "{a|b|c}{d|e|f}{g|h|i}{j|k|l}{m|n|o}{p|q|r}";
		assertThat(Spintax.combinations(source)).isEqualTo(729);
		assertThat(Spintax.expandAll(source, 50)).hasSize(50).doesNotHaveDuplicates().startsWith("adgjmp", "adgjmq");
		assertThat(Spintax.combinations("{a|b}".repeat(100))).isEqualTo(Long.MAX_VALUE);
		assertThat(Spintax.expandAll("{a|a} {b|b}", 50)).containsExactly("a b");
	}

	@Test
	void deeplyNestedOrUnclosedBracesAreParsedWithoutBlowingUp() {
		String unclosed = "{ |".repeat(5_000);
		assertThat(Spintax.spin(unclosed, "seed")).isEqualTo(unclosed);
		String deep = "{a|".repeat(1_000) + "b" + "}".repeat(1_000);
		assertThat(Spintax.spin(deep, "seed")).isNotNull();
		assertThat(Spintax.expandAll(deep, 50)).isNotEmpty();
	}

}
