package org.broadsheet.photos;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Develops a decoded camera file into what readers are served: WebP and JPEG at each width the
 * {@link Sizes} give, each a file named by the hash of its bytes, and for the lead photo, its crops
 * for search engines and a JPEG small enough for link previews.
 */
final class Variants {

	private final Sizes sizes;

	private final Color paper;

	/** @param paper what a transparent PNG is laid on in JPEG, which has no transparency: the page's colour */
	Variants(Sizes sizes, Color paper) {
		this.sizes = sizes;
		this.paper = paper;
	}

	Photo develop(String path, boolean lead, BufferedImage read) throws IOException {
		String base = path.substring(0, path.lastIndexOf('.'));
		// the lead photo is read larger for its crops; the page gets the same widths as any photo
		java.awt.Dimension largest = this.sizes.target(read.getWidth(), read.getHeight(), false);
		BufferedImage image = Pixels.scale(read, largest.width, largest.height);
		List<Variant> webp = new ArrayList<>();
		List<Variant> jpeg = new ArrayList<>();
		BufferedImage current = image;
		List<Integer> widths = this.sizes.widths(image.getWidth());
		int single = this.sizes.single(widths);
		for (int i = widths.size() - 1; i >= 0; i--) {
			int width = widths.get(i);
			int height = Math.max(1, Math.round(image.getHeight() * (float) width / image.getWidth()));
			current = Pixels.scale(current, width, height);
			webp.add(0, variant(base + "-" + width + "w", "image/webp", current, PhotoWriter.webp(current)));
			byte[] jpg = PhotoWriter.jpeg(current, PhotoWriter.QUALITY, this.paper);
			jpeg.add(0, variant(base + "-" + width + "w", "image/jpeg", current,
					(width == single) ? underSingleLimit(current, jpg) : jpg));
		}
		List<Variant> variants = new ArrayList<>(webp);
		variants.addAll(jpeg);
		return new Photo(path, image.getWidth(), image.getHeight(), false, variants, lead ? crops(read, base) : List.of());
	}

	/** The JPEG that link previews show, encoded again at lower quality until it is small enough for them. */
	private byte[] underSingleLimit(BufferedImage image, byte[] jpeg) throws IOException {
		byte[] result = jpeg;
		for (float quality = PhotoWriter.QUALITY - 0.1f; result.length > this.sizes.singleMaxBytes() && quality > 0.35f;
				quality -= 0.1f) {
			result = PhotoWriter.jpeg(image, quality, this.paper);
		}
		return result;
	}

	/** The lead photo cropped about its centre; a crop the photo is too small for is left out, not enlarged. */
	private List<Variant> crops(BufferedImage image, String base) throws IOException {
		List<Variant> crops = new ArrayList<>();
		for (int[] ratio : this.sizes.crops()) {
			int width = this.sizes.singleWidth();
			int height = width * ratio[1] / ratio[0];
			double scale = Math.min(image.getWidth() / (double) width, image.getHeight() / (double) height);
			if (scale < 1) {
				continue;
			}
			int cropWidth = (int) Math.round(width * scale);
			int cropHeight = (int) Math.round(height * scale);
			BufferedImage crop = image.getSubimage((image.getWidth() - cropWidth) / 2, (image.getHeight() - cropHeight) / 2,
					cropWidth, cropHeight);
			BufferedImage scaled = Pixels.scale(copy(crop), width, height);
			crops.add(variant(base + "-" + ratio[0] + "x" + ratio[1], "image/jpeg", scaled,
					underSingleLimit(scaled, PhotoWriter.jpeg(scaled, PhotoWriter.QUALITY, this.paper))));
		}
		return crops;
	}

	private static BufferedImage copy(BufferedImage image) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
		copy.getGraphics().drawImage(image, 0, 0, null);
		return copy;
	}

	private static Variant variant(String name, String mediaType, BufferedImage image, byte[] bytes) {
		String extension = "image/webp".equals(mediaType) ? ".webp" : ".jpg";
		return new Variant(name + "-" + Fingerprint.of(bytes) + extension, mediaType, image.getWidth(),
				image.getHeight(), bytes);
	}

}
