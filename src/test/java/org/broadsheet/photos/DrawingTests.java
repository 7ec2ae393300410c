package org.broadsheet.photos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Drawings as design tools export them, and as an attacker would: a drawing is served from the
 * site's own origin, and, exported to a host that sends no headers, whatever it runs runs as the site.
 */
class DrawingTests {

	static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
			+ "width=\"300\" height=\"200\"";

	static Photo svg(String text) throws PhotoException {
		return Drawing.svg("images/drawing.svg", text.getBytes(StandardCharsets.UTF_8));
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', value = {
			">{0}<script>alert(1)</script></svg>|<script>",
			" onload=\"alert(1)\">{0}</svg>|an onload attribute (an event handler)",
			">{0}<rect width=\"9\" height=\"9\" onclick=\"alert(1)\"/></svg>|an onclick attribute",
			">{0}<foreignObject width=\"9\" height=\"9\"><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject></svg>|<foreignObject>, which holds HTML",
			">{0}<image xlink:href=\"https://tracker.example/p.png\" width=\"9\" height=\"9\"/></svg>|a link to another file (xlink:href=\"https://tracker.example/p.png\")",
			">{0}<a href=\"javascript:alert(1)\"><rect width=\"9\" height=\"9\"/></a></svg>|a link to another file (href=\"javascript:alert(1)\")",
			">{0}<use href=\"other.svg#shape\"/></svg>|a link to another file (href=\"other.svg#shape\")",
			">{0}<style>rect '{' fill: url(https://x.example/a.svg#p) '}'</style></svg>|a <style> that loads another file",
			">{0}<rect width=\"9\" height=\"9\" style=\"background: url(//x.example/b.png)\"/></svg>|a style attribute that loads another file",
			">{0}<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><rect width=\"9\" height=\"9\"/></a></svg>|an <set> that changes href",
			">{0}<iframe src=\"https://x.example\"/></svg>|<iframe>" })
	void aDrawingThatWouldRunOrLoadSomethingIsRefusedSayingWhat(String rest, String what) {
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> svg(OPEN + " " + rest.replace("{0}", "")))
			.withMessageStartingWith("carries " + what)
			.withMessageContaining("export it again without scripts, event handlers, embedded HTML or links to other files");
	}

	@Test
	void whatDesignToolsExportIsAccepted() throws Exception {
		String illustrator = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
				+ "<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->\n"
				+ "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
				+ OPEN + " viewBox=\"0 0 300 200\" xml:space=\"preserve\">\n<style type=\"text/css\">.st0{fill:url(#grad);}</style>\n"
				+ "<linearGradient id=\"grad\"><stop offset=\"0\"/></linearGradient>\n<rect class=\"st0\" width=\"300\" height=\"200\"/>\n"
				+ "<use xlink:href=\"#grad\"/><image width=\"9\" height=\"9\" xlink:href=\"data:image/png;base64,iVBORw0KGgo=\"/>\n</svg>\n";
		Photo drawing = svg(illustrator);
		assertThat(drawing.width() + "x" + drawing.height()).isEqualTo("300x200");
		assertThat(drawing.variants().get(0).bytes()).isEqualTo(illustrator.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aDoctypeThatDeclaresEntitiesIsRefused() {
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> svg("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
					+ OPEN + "><text>&b;</text></svg>"))
			.withMessageStartingWith("declares entities in its DOCTYPE");
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> svg("<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + OPEN + "><text>&x;</text></svg>"))
			.withMessageStartingWith("declares entities in its DOCTYPE");
	}

	@Test
	void aDrawingThatIsNotWellFormedSaysWhereAndWhatToDo() {
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> svg(OPEN + ">\n<g>\n<rect/>\n</svg>"))
			.withMessageStartingWith("is not well-formed XML (line 4, column ")
			.withMessageContaining("must be terminated by the matching end-tag \"</g>\"")
			.withMessageEndingWith("open it in a design tool and export it again");
	}

	@Test
	void aVeryLongNumberForASizeIsReadQuickly() {
		String digits = "1".repeat(200_000);
		assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + digits + "x\" height=\"" + digits
					+ "x\" viewBox=\"0 0 " + digits + "x " + digits + "x\"></svg>"))
			.withMessageStartingWith("gives no size"));
	}

}
