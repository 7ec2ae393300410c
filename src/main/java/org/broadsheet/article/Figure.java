package org.broadsheet.article;

import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;

/**
 * A photo standing in a paragraph of its own, with the caption that follows it and an optional
 * {@link Credit}. The {@link Picture} is filled in once the file beside the article has been read.
 */
final class Figure extends CustomBlock {

	private final Image image;

	private Picture picture;

	Figure(Image image) {
		this.image = image;
	}

	Image image() {
		return this.image;
	}

	Picture picture() {
		return this.picture;
	}

	void picture(Picture picture) {
		this.picture = picture;
	}

}
