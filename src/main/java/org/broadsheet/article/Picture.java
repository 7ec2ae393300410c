package org.broadsheet.article;

/**
 * A photo as published: where it is served, what it shows, its size and its credit.
 *
 * @param path the editor's path relative to the article, for example {@code images/feature.svg}
 * @param url the fingerprinted, root-relative URL it is served at
 * @param alt what the photo shows, for readers who cannot see it
 * @param caption the caption, as plain text, or {@code ""}
 * @param credit who took or supplied it, or {@code ""}
 * @param standIn whether the file is still a stand-in drawing rather than the licensed photo
 */
public record Picture(String path, String url, String alt, int width, int height, String caption, String credit,
		String mediaType, boolean standIn) {

	public boolean raster() {
		return !"image/svg+xml".equals(this.mediaType);
	}

}
