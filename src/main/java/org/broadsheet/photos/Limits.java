package org.broadsheet.photos;

/**
 * How much of an editor's file Broadsheet will read and decode, checked before a decoder starts:
 * bounds that no camera or design tool comes near, and that keep a hostile or broken file from
 * taking the heap, the disk or minutes of work. sharp's {@code limitInputPixels} is the model.
 */
final class Limits {

	/** Larger than any camera writes a photo, even a 100 MP one at top quality. */
	static final long MAX_FILE_BYTES = 200L << 20;

	/** A 24 MP camera is common, 100 MP rare; beyond that a header is more likely a decompression bomb. */
	static final long MAX_PIXELS = 100_000_000L;

	static final int MAX_SIDE = 30_000;

	/**
	 * Metadata before the picture (EXIF, XMP, colour profiles, comments): a camera writes well under a
	 * megabyte, Photoshop a few; it is skipped, never held, but a file that is mostly metadata is not a photo.
	 */
	static final long MAX_METADATA_BYTES = 8L << 20;

	/**
	 * The scans of a progressive JPEG, each a full pass over the image: encoders write about 10, and
	 * hundreds would cost minutes.
	 */
	static final int MAX_SCANS = 64;

	/**
	 * A progressive JPEG is decoded whole, its coefficients held in native memory outside the Java heap:
	 * about 4 bytes a pixel, so 30 MP take some 120 MB, and 100 MP 400 MB. A 24 MP camera's photo, saved
	 * as progressive, still goes through.
	 */
	static final long MAX_WHOLE_PIXELS = 30_000_000L;

	/**
	 * A picture placed in a drawing is decoded whole, on the heap, and twice over while it is turned
	 * upright: 4 MP take 32 MB, which a 64 MB heap can spare.
	 */
	static final long MAX_EMBEDDED_PIXELS = 4_000_000L;

	/** Drawings and GIFs are read whole, and served whole. */
	static final int MAX_DRAWING_BYTES = 10 << 20;

	private Limits() {
	}

	/** Refuses a picture whose header claims more pixels than Broadsheet develops. */
	static void pixels(String path, long width, long height) throws PhotoException {
		if (width <= 0 || height <= 0) {
			throw new PhotoException(path, "claims to be " + width + " × " + height + " pixels, which no picture is; "
					+ "export it again");
		}
		if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
			throw new PhotoException(path, "claims to be " + width + " × " + height + " pixels ("
					+ (width * height / 1_000_000) + " megapixels), more than the " + (MAX_PIXELS / 1_000_000)
					+ " megapixels and " + MAX_SIDE + " px a side that Broadsheet develops; export a smaller copy");
		}
	}

	/** Refuses a picture that is decoded whole with more pixels than {@link #MAX_WHOLE_PIXELS}. */
	static void wholePixels(String path, long width, long height) throws PhotoException {
		if (width * height > MAX_WHOLE_PIXELS) {
			throw new PhotoException(path, "is a " + (width * height / 1_000_000) + " MP JPEG saved as progressive, "
					+ "which is decoded whole, and Broadsheet decodes those up to " + (MAX_WHOLE_PIXELS / 1_000_000)
					+ " MP; export it again as an ordinary (baseline) JPEG, or smaller");
		}
	}

	static void metadata(String path, long bytes) throws PhotoException {
		if (bytes > MAX_METADATA_BYTES) {
			throw new PhotoException(path, "carries more than " + (MAX_METADATA_BYTES >> 20) + " MB of metadata and "
					+ "tables beside its picture, far more than a camera writes; export it again as a plain JPEG or PNG");
		}
	}

	/** The sentence for a file that ends before its picture does. */
	static PhotoException truncated(String path, String kind) {
		return new PhotoException(path, "is cut off: the " + kind + " ends before its picture does, as an "
				+ "interrupted copy or an unfinished download leaves a file; copy it again from the camera or card");
	}

}
