package com.penguinmails.tracking;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Click tracking on templates from public bug reports of comparable tools
 * (src/test/resources/templates/corpus): the rewrite changes the hrefs and nothing else,
 * and the redirect's {@code Location} is a correctly encoded URI on the wire.
 */
@IntegrationTest
class LinkRewriteTests {

	private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	private static final Pattern CLICK = Pattern.compile("https?://[^/\"]+/c/([A-Za-z0-9_-]+)");

	// The open pixel: the background of a 1x1 table (not an <img>, see TrackingLinks).
	private static final Pattern PIXEL = Pattern
		.compile("<table role=\"presentation\" width=\"1\" height=\"1\"[^>]*background=\"https?://[^/\"]+/o/"
				+ "[A-Za-z0-9_-]+\"[^>]*><tr><td></td></tr></table>");

	@Autowired
	Fixtures fixtures;

	@Autowired
	TrackingFixtures tracked;

	@Autowired
	ObjectMapper json;

	@Value("${local.server.port}")
	int port;

	private JsonNode corpus(String name) throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/templates/corpus/" + name)) {
			return json.readTree(in);
		}
	}

	private String sent(String name, String html) {
		Account account = fixtures.verifiedAccount(name);
		Campaign campaign = tracked.launched(account, new Campaign.Tracking(true, true), html, "ada@client.test");
		return tracked.messages(campaign.id()).get(0).html();
	}

	/** The sent HTML with each tracked link put back and the pixel taken out. */
	private static String untracked(String html, String... destinations) {
		String result = PIXEL.matcher(html).replaceAll("");
		for (String destination : destinations) {
			Matcher click = CLICK.matcher(result);
			assertThat(click.find()).as("a tracked link for " + destination).isTrue();
			result = result.substring(0, click.start()) + destination + result.substring(click.end());
		}
		assertThat(CLICK.matcher(result).find()).isFalse();
		return result;
	}

	@Test
	void aStyleBlockInAFragmentSurvivesTheRewrite() throws Exception {
		String template = corpus("tpl_style_fragment.json").get("html").asText();
		String html = sent("style-fragment", template);
		assertThat(html).startsWith("<style>.cta{color:#e4572e;font-weight:bold}</style>");
		assertThat(PIXEL.matcher(html).find()).isTrue();
		assertThat(untracked(html, "https://offers.example.test/x"))
			.isEqualTo(template.replace("{{ first_name }}", "Ada"));
	}

	@Test
	void aWholeDocumentSurvivesByteForByteApartFromTheHrefs() {
		String template = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
				+ "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\r\n"
				+ "<HTML xmlns=\"http://www.w3.org/1999/xhtml\"><head>\r\n<meta charset=\"utf-8\">\r\n"
				+ "<!--[if mso]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch>"
				+ "</o:OfficeDocumentSettings></xml><![endif]-->\r\n"
				+ "<style type=\"text/css\">\r\n  a[href^=\"tel\"] { color: inherit; } /* <a href=\"https://no.test\"> */\r\n"
				+ "  @media (max-width:600px){ .x > td { display:block !important } }\r\n</style></head>\r\n"
				+ "<body style='margin:0'>\r\n<!-- a comment with <a href=\"https://comment.test/\">a link</a> -->\r\n"
				+ "<table role=presentation><tr><td>Caf&eacute; &amp; Co&nbsp;&#8212;\r\n"
				+ "<A HREF='https://example.com/a?x=1&amp;y=2' class=btn>Go</A>\r\n"
				+ "<a href=https://example.com/unquoted>Plain</a> <a href=\"mailto:x@example.com\">Mail</a>\r\n"
				+ "<!--[if !mso]><!--><div class=\"hide\">not in Outlook</div><!--<![endif]-->\r\n"
				+ "</td></tr></table>\r\n</body>\r\n</html>\r\n";
		String html = sent("whole-document", template);
		// The pixel is the last thing in the body.
		assertThat(html).containsPattern("</table></body>\r\n</html>\r\n$");
		assertThat(untracked(html, "https://example.com/a?x=1&y=2", "https://example.com/unquoted"))
			.isEqualTo(template.replace("https://example.com/a?x=1&amp;y=2", "https://example.com/a?x=1&y=2"));
	}

	@Test
	void aNonAsciiDestinationRedirectsWithAPercentEncodedUtf8Location() throws Exception {
		String template = corpus("tpl_unicode_link.json").get("html").asText();
		String html = sent("unicode-link", template);
		Matcher click = CLICK.matcher(html);
		assertThat(click.find()).isTrue();
		byte[] response = rawGet("/c/" + click.group(1));
		String head = new String(response, StandardCharsets.ISO_8859_1);
		assertThat(head).startsWith("HTTP/1.1 302");
		Matcher location = Pattern.compile("(?im)^Location: ([^\\r\\n]*)\\r?$").matcher(head);
		assertThat(location.find()).isTrue();
		String value = location.group(1);
		// Header bytes are ASCII: no raw UTF-8, no "?" for what Latin-1 cannot hold.
		for (char c : value.toCharArray()) {
			assertThat((int) c).isBetween(0x21, 0x7E);
		}
		assertThat(value)
			.isEqualTo("https://shop.example.test/stra%C3%9Fe/gr%C3%B6%C3%9Fe?farbe=gr%C3%BCn#%C3%BCbersicht");
		java.net.URI uri = new java.net.URI(value);
		assertThat(uri.getPath()).isEqualTo("/straße/größe");
		assertThat(uri.getFragment()).isEqualTo("übersicht");
	}

	/** A GET over a plain socket, the response's bytes as sent. */
	private byte[] rawGet(String path) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUser-Agent: " + BROWSER
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(bytes);
			return bytes.toByteArray();
		}
	}

}
