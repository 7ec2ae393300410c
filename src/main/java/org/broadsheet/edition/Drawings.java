package org.broadsheet.edition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.broadsheet.photos.Fingerprint;

/**
 * The images the press draws rather than takes from the editor: the link-preview card, from the
 * headline, and the publication's marks, from its name (the home-screen icon and the logo for search
 * engines). Each is named by what it is drawn from, the headline or the name, the palette and the
 * drawing code itself, not by its bytes, so that the page can name them before they are drawn: the
 * first drawing in a JVM starts Java 2D, its fonts and ImageIO, half a second that the first edition
 * does not wait for. The URL still changes whenever the picture would.
 */
final class Drawings {

	/** What every drawing depends on besides its text: the code that draws it and the page's colours. */
	private static final String DRAWING = Fingerprint.of((classBytes(Canvas.class) + classBytes(PreviewCard.class)
			+ classBytes(Logo.class) + Palette.page()).getBytes(StandardCharsets.UTF_8));

	private final String siteName;

	/** The drawings made, by path: the marks, and the card of the latest headline. */
	private final Map<String, Page> drawn = new ConcurrentHashMap<>();

	Drawings(String siteName) {
		this.siteName = siteName;
	}

	String card(String headline) {
		return path(Edition.CARD, "card\n" + headline + "\n" + this.siteName);
	}

	String touchIcon() {
		return path(Edition.TOUCH_ICON, "touch icon\n" + this.siteName);
	}

	String logo() {
		return path(Edition.LOGO, "logo\n" + this.siteName);
	}

	/** Those of the drawings for this headline already made, by path. */
	Map<String, Page> made(String headline) {
		Map<String, Page> made = new LinkedHashMap<>();
		for (String path : new String[] { card(headline), touchIcon(), logo() }) {
			Page page = this.drawn.get(path);
			if (page != null) {
				made.put(path, page);
			}
		}
		return made;
	}

	/** Every drawing for this headline, by path, drawing those not made yet; the card of an older headline is let go. */
	Map<String, Page> draw(String headline) {
		String card = card(headline);
		this.drawn.keySet().removeIf((path) -> path.startsWith(Edition.CARD) && !path.equals(card));
		Map<String, Page> all = new LinkedHashMap<>();
		all.put(card, draw(card, () -> PreviewCard.draw(headline, this.siteName)));
		all.put(touchIcon(), draw(touchIcon(), () -> Logo.draw(this.siteName, Logo.TOUCH_ICON)));
		all.put(logo(), draw(logo(), () -> Logo.draw(this.siteName, Logo.PUBLISHER)));
		return all;
	}

	private Page draw(String path, Supplier<byte[]> drawing) {
		return this.drawn.computeIfAbsent(path, (key) -> Page.of("image/png", ResponseHeaders.IMMUTABLE_CACHE, drawing.get()));
	}

	private static String path(String prefix, String drawnFrom) {
		return prefix + Fingerprint.of((DRAWING + "\n" + drawnFrom).getBytes(StandardCharsets.UTF_8)) + ".png";
	}

	private static String classBytes(Class<?> type) {
		try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
			if (in == null) {
				// no class files to read (an image built ahead of time): the drawings' names follow the palette alone
				return type.getName();
			}
			return Fingerprint.of(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
