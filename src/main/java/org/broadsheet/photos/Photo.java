package org.broadsheet.photos;

import java.util.List;

/**
 * A file an article names, ready to serve.
 *
 * @param path the editor's path, relative to the article, such as {@code images/parade.jpg}
 * @param width the width to reserve for it: of its largest variant
 * @param height the height to reserve for it
 * @param standIn whether it is still a stand-in drawing rather than the licensed photo
 * @param variants what is served: for a camera file, WebP and JPEG at several widths, narrowest
 * first; for a drawing, the file itself
 * @param crops for the lead photo, 16:9, 4:3 and 1:1 crops for search engines; otherwise none
 */
public record Photo(String path, int width, int height, boolean standIn, List<Variant> variants,
		List<Variant> crops) {

	public Photo {
		variants = List.copyOf(variants);
		crops = List.copyOf(crops);
	}

	/**
	 * A file served whole, as one variant named after the editor's file and the hash of what is served:
	 * a drawing or a GIF, rebuilt from what draws it.
	 * @param extension the extension of what it really is, such as {@code .gif}, whatever the editor named it
	 */
	static Photo asItIs(String path, String extension, String mediaType, int width, int height, boolean standIn,
			byte[] bytes) {
		Variant file = new Variant(path.substring(0, path.lastIndexOf('.')) + "-" + Fingerprint.of(bytes) + extension,
				mediaType, width, height, bytes);
		return new Photo(path, width, height, standIn, List.of(file), List.of());
	}

	/** Whether this is a camera file developed into widths and formats, rather than a drawing or GIF served whole. */
	public boolean developed() {
		return !webp().isEmpty();
	}

	public List<Variant> webp() {
		return of("image/webp");
	}

	public List<Variant> jpeg() {
		return of("image/jpeg");
	}

	private List<Variant> of(String mediaType) {
		return this.variants.stream().filter((variant) -> variant.mediaType().equals(mediaType)).toList();
	}

	/**
	 * The one file to show where there is room for one, in a feed or as the link-preview image: the JPEG
	 * closest to {@link Sizes#singleWidth()}, or the drawing or GIF itself.
	 */
	public Variant single() {
		List<Variant> jpeg = jpeg();
		if (jpeg.isEmpty()) {
			return this.variants.get(0);
		}
		int width = Sizes.STANDARD.single(jpeg.stream().map(Variant::width).toList());
		return jpeg.stream().filter((variant) -> variant.width() == width).findFirst().orElseThrow();
	}

}
