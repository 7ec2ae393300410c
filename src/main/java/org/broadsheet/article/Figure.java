package org.broadsheet.article;

import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Text;

/**
 * A photo standing in a paragraph of its own, with the caption that follows it and an optional
 * {@link Credit}. The {@link Picture} is filled in once the file beside the article has been read.
 * The feature photo, named in the front matter, is a figure too, put at the head of the body.
 */
final class Figure extends CustomBlock {

	private final Image image;

	private final boolean feature;

	private Picture picture;

	Figure(Image image) {
		this(image, false);
	}

	private Figure(Image image, boolean feature) {
		this.image = image;
		this.feature = feature;
	}

	/** The feature photo as a figure of its own, with its caption and credit. */
	static Figure feature(Picture picture) {
		Image image = new Image(picture.path(), null);
		image.appendChild(new Text(picture.alt()));
		Figure figure = new Figure(image, true);
		figure.picture(picture);
		if (!picture.caption().isEmpty()) {
			figure.appendChild(new Text(picture.caption()));
		}
		if (!picture.credit().isEmpty()) {
			Credit credit = new Credit();
			credit.appendChild(new Text(picture.credit()));
			figure.appendChild(credit);
		}
		return figure;
	}

	Image image() {
		return this.image;
	}

	/** Whether this is the feature photo: wider, and loaded first rather than lazily. */
	boolean isFeature() {
		return this.feature;
	}

	Picture picture() {
		return this.picture;
	}

	void picture(Picture picture) {
		this.picture = picture;
	}

}
