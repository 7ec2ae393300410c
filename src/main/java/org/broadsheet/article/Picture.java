package org.broadsheet.article;

import org.broadsheet.photos.Photo;

/**
 * A photo as the article presents it: what it shows, its caption and credit, and the files served.
 *
 * @param alt what the photo shows, for readers who cannot see it
 * @param caption the caption, as plain text, or {@code ""}
 * @param credit who took or supplied it, or {@code ""}
 * @param photo the editor's file, developed into what is served
 */
public record Picture(String alt, String caption, String credit, Photo photo) {

	/** The editor's path relative to the article, for example {@code images/feature.svg}. */
	public String path() {
		return this.photo.path();
	}

	/** Whether the file is still a stand-in drawing rather than the licensed photo. */
	public boolean standIn() {
		return this.photo.standIn();
	}

}
