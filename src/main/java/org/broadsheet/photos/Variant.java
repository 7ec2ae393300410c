package org.broadsheet.photos;

/**
 * One file served for a photo: a drawing or GIF, rebuilt, or one width of a camera file in one format.
 *
 * @param path where it is served, relative to the site, such as {@code images/parade-1a2b3c-800.webp};
 * it carries a fingerprint of the bytes, so that it can be cached for a year
 */
public record Variant(String path, String mediaType, int width, int height, byte[] bytes) {

	public String url() {
		return "/" + this.path;
	}

	/** The fingerprint of the bytes that the path carries, before the extension. */
	public String fingerprint() {
		String name = this.path.substring(0, this.path.lastIndexOf('.'));
		return name.substring(name.lastIndexOf('-') + 1);
	}

}
