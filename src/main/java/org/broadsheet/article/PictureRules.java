package org.broadsheet.article;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Node;

/**
 * The rules a photo must meet to be published, and the {@link Picture} it then becomes: a file in the
 * {@code images/} folder beside the article, described by alt text, with a size its own bytes give,
 * served under a URL fingerprinted with those bytes. Standing alone on its line, too: a photo inside
 * a sentence has nowhere for its caption to go.
 */
final class PictureRules {

	private static final Pattern IMAGE_PATH = Pattern.compile("images/(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*"
			+ "[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*\\.[A-Za-z]+");

	private final String file;

	private final ImageFiles images;

	/**
	 * @param file the article's name, for messages
	 * @param images reads the files the article names
	 */
	PictureRules(String file, ImageFiles images) {
		this.file = file;
		this.images = images;
	}

	Picture feature(FrontMatter.FeatureImage image) {
		return picture(image.line(), image.src(), image.alt(), image.caption(), image.credit());
	}

	/**
	 * Checks every photo in a parsed body and gives each {@link Figure} its {@link Picture}.
	 * @param bodyFirstLine the line of the file on which the body starts, for messages
	 * @return the body's pictures, in order
	 */
	List<Picture> resolve(Node document, int bodyFirstLine) {
		List<Figure> figures = new ArrayList<>();
		List<Image> inline = new ArrayList<>();
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(CustomBlock customBlock) {
				if (customBlock instanceof Figure figure) {
					figures.add(figure);
				}
				visitChildren(customBlock);
			}

			@Override
			public void visit(Image image) {
				inline.add(image);
			}
		});
		if (!inline.isEmpty()) {
			Image image = inline.get(0);
			throw new ArticleException(this.file, line(image, bodyFirstLine), "the image \"" + image.getDestination()
					+ "\" shares its line with text; put a photo on a line of its own, with its caption below it");
		}
		List<Picture> pictures = new ArrayList<>();
		for (Figure figure : figures) {
			Image image = figure.image();
			Picture picture = picture(line(figure, bodyFirstLine), image.getDestination(), PlainText.of(image),
					PlainText.withoutCredit(figure),
					(figure.getLastChild() instanceof Credit credit) ? PlainText.of(credit) : "");
			figure.picture(picture);
			pictures.add(picture);
		}
		return pictures;
	}

	private Picture picture(int line, String path, String alt, String caption, String credit) {
		if (!IMAGE_PATH.matcher(path).matches() || path.contains("..")) {
			throw new ArticleException(this.file, line, "the image \"" + path + "\" must be a file in the images folder "
					+ "beside the article, named like images/photo.jpg (letters, digits, dashes)");
		}
		if (alt.isBlank()) {
			throw new ArticleException(this.file, line, "the image \"" + path
					+ "\" has no alt text; say what the photo shows between the brackets: ![what it shows](" + path + ")");
		}
		Optional<byte[]> bytes;
		try {
			bytes = this.images.read(path);
		}
		catch (IOException ex) {
			throw new ArticleException(this.file, line,
					"the image \"" + path + "\" cannot be read (" + ex.getMessage() + ")", ex);
		}
		if (bytes.isEmpty()) {
			throw new ArticleException(this.file, line,
					"the image \"" + path + "\" does not exist beside the article; add the file or fix its name");
		}
		ImageSize size;
		try {
			size = ImageSize.of(path, bytes.get());
		}
		catch (IllegalArgumentException ex) {
			throw new ArticleException(this.file, line, "the image \"" + path + "\" " + ex.getMessage(), ex);
		}
		return new Picture(path, fingerprinted(path, bytes.get()), alt.strip(), size.width(), size.height(),
				caption.strip(), credit.strip(), size.mediaType(), size.standIn());
	}

	/**
	 * The URL a photo is served at: its path with an MD5 of its bytes before the extension, the same
	 * fingerprint as Spring's content version strategy, so that the URL changes when the photo does and
	 * the old one can be cached for a year.
	 */
	private static String fingerprinted(String path, byte[] bytes) {
		String hash;
		try {
			hash = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		int dot = path.lastIndexOf('.');
		return "/" + path.substring(0, dot) + "-" + hash + path.substring(dot);
	}

	/** The line of the article file on which a node's block starts. */
	private static int line(Node node, int bodyFirstLine) {
		for (Node block = node; block != null; block = block.getParent()) {
			if (!block.getSourceSpans().isEmpty()) {
				return bodyFirstLine + block.getSourceSpans().get(0).getLineIndex();
			}
		}
		return bodyFirstLine;
	}

}
