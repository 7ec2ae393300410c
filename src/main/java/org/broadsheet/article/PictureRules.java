package org.broadsheet.article;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.broadsheet.photos.Darkroom;
import org.broadsheet.photos.ImageFiles;
import org.broadsheet.photos.Photo;
import org.broadsheet.photos.PhotoException;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Node;

/**
 * The rules a photo must meet to be published, and the {@link Picture} it then becomes: a file in the
 * {@code images/} folder beside the article, described by alt text, and one the {@link Darkroom} can
 * develop. Standing alone on its line, too: a photo inside a sentence has nowhere for its caption to go.
 */
final class PictureRules {

	private static final Pattern IMAGE_PATH = Pattern.compile("images/(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*"
			+ "[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*\\.[A-Za-z]+");

	private final String file;

	private final Darkroom darkroom;

	private final ImageFiles images;

	private final boolean earlier;

	/**
	 * @param file the article's name, for messages
	 * @param images opens the files the article names
	 * @param earlier whether this is an earlier version of the article, whose photos are kept
	 */
	PictureRules(String file, Darkroom darkroom, ImageFiles images, boolean earlier) {
		this.file = file;
		this.darkroom = darkroom;
		this.images = images;
		this.earlier = earlier;
	}

	/**
	 * Checks every photo, the feature photo from the front matter first, develops them all at once,
	 * and gives each {@link Figure} its {@link Picture}.
	 * @param bodyFirstLine the line of the file on which the body starts, for messages
	 * @return every picture, the feature photo first
	 */
	List<Picture> resolve(FrontMatter.FeatureImage feature, Node document, int bodyFirstLine) {
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
		List<Reference> references = new ArrayList<>();
		if (feature != null) {
			references.add(check(new Reference(feature.line(), feature.src(), feature.alt(), feature.caption(),
					feature.credit(), true)));
		}
		if (!inline.isEmpty()) {
			Image image = inline.get(0);
			throw new ArticleException(this.file, line(image, bodyFirstLine), "the image \"" + image.getDestination()
					+ "\" shares its line with text; put a photo on a line of its own, with its caption below it");
		}
		for (Figure figure : figures) {
			Image image = figure.image();
			references.add(check(new Reference(line(figure, bodyFirstLine), image.getDestination(), PlainText.of(image),
					PlainText.withoutCredit(figure),
					(figure.getLastChild() instanceof Credit credit) ? PlainText.of(credit) : "", false)));
		}
		List<Photo> photos = develop(references);
		List<Picture> pictures = new ArrayList<>();
		for (int i = 0; i < references.size(); i++) {
			Reference reference = references.get(i);
			pictures.add(new Picture(reference.alt().strip(), reference.caption().strip(), reference.credit().strip(),
					photos.get(i)));
		}
		int offset = (feature != null) ? 1 : 0;
		for (int i = 0; i < figures.size(); i++) {
			figures.get(i).picture(pictures.get(offset + i));
		}
		return pictures;
	}

	/** Where a photo is named, and what the article says of it. */
	private record Reference(int line, String path, String alt, String caption, String credit, boolean lead) {
	}

	/** Whether a path names a file in the images folder beside the article, as a photo's must. */
	static boolean beside(String path) {
		return IMAGE_PATH.matcher(path).matches() && !path.contains("..");
	}

	private Reference check(Reference reference) {
		String path = reference.path();
		if (!beside(path)) {
			throw new ArticleException(this.file, reference.line(), "the image \"" + path + "\" must be a file in the "
					+ "images folder beside the article, named like images/photo.jpg (letters, digits, dashes)");
		}
		if (reference.alt().isBlank()) {
			throw new ArticleException(this.file, reference.line(), "the image \"" + path
					+ "\" has no alt text; say what the photo shows between the brackets: ![what it shows](" + path + ")");
		}
		return reference;
	}

	private List<Photo> develop(List<Reference> references) {
		List<Darkroom.Order> orders = references.stream()
			.map((reference) -> new Darkroom.Order(reference.path(), reference.lead()))
			.toList();
		try {
			return this.earlier ? this.darkroom.developToKeep(orders, this.images) : this.darkroom.develop(orders, this.images);
		}
		catch (PhotoException ex) {
			int line = references.stream()
				.filter((reference) -> reference.path().equals(ex.path()))
				.mapToInt(Reference::line)
				.findFirst()
				.orElse(0);
			throw new ArticleException(this.file, line, "the image \"" + ex.path() + "\" " + ex.getMessage(), ex);
		}
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
