package org.broadsheet.edition;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

/**
 * The page's colours, read from the stylesheet's {@code :root} (its light scheme), so that the
 * drawn card and logos, and the colour a transparent photo is laid on in JPEG, are the page's own:
 * a designer changes them in {@code site.css} alone.
 */
public record Palette(Color paper, Color ink, Color muted, Color rule, Color accent) {

	static final String STYLESHEET = "static/css/site.css";

	private static final Pattern ROOT = Pattern.compile("(?s):root\\s*\\{(.*?)\\}");

	private static final Palette PAGE = of(stylesheet());

	/** The colours of the stylesheet in the jar. */
	public static Palette page() {
		return PAGE;
	}

	static Palette of(String css) {
		Matcher root = ROOT.matcher(css);
		if (!root.find()) {
			throw new IllegalStateException("The stylesheet has no :root block of colours");
		}
		String block = root.group(1);
		return new Palette(colour(block, "paper"), colour(block, "ink"), colour(block, "muted"), colour(block, "rule"),
				colour(block, "accent"));
	}

	private static Color colour(String block, String name) {
		Matcher value = Pattern.compile("--" + name + ":\\s*#([0-9a-fA-F]{6})\\s*;").matcher(block);
		if (!value.find()) {
			throw new IllegalStateException("The stylesheet's :root gives no --" + name + " as #rrggbb");
		}
		return new Color(Integer.parseInt(value.group(1), 16));
	}

	static byte[] stylesheetBytes() {
		try (InputStream in = new ClassPathResource(STYLESHEET).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The jar lacks " + STYLESHEET, ex);
		}
	}

	private static String stylesheet() {
		return new String(stylesheetBytes(), StandardCharsets.UTF_8);
	}

}
