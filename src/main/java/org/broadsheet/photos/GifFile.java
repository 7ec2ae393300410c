package org.broadsheet.photos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A GIF, which may move, rebuilt block by block from what draws it: the screen, colour tables,
 * frames and their timing, and the loop count. Comments, XMP, colour profiles and any other
 * application's data are left out, so that what is served carries nothing but the picture. The
 * pixels themselves are copied as they are, so that the animation looks as it did.
 */
final class GifFile {

	/** Frames in all, each at most {@link Limits#MAX_PIXELS}: a browser decodes every one. */
	static final long MAX_ANIMATION_PIXELS = 10 * Limits.MAX_PIXELS;

	private static final int IMAGE = 0x2C;

	private static final int EXTENSION = 0x21;

	private static final int TRAILER = 0x3B;

	private static final int GRAPHIC_CONTROL = 0xF9;

	private static final int APPLICATION = 0xFF;

	private final String path;

	private final byte[] in;

	private int position;

	private GifFile(String path, byte[] in) {
		this.path = path;
		this.in = in;
	}

	static Photo develop(String path, byte[] bytes) throws PhotoException {
		return new GifFile(path, bytes).rebuild();
	}

	private Photo rebuild() throws PhotoException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(this.in.length);
		out.write(this.in, 0, 6);
		this.position = 6;
		int width = unsigned16();
		int height = unsigned16();
		Limits.pixels(this.path, width, height);
		int packed = next();
		next();
		next();
		copy(out, 6, 7);
		skipColourTable(packed);
		copy(out, 13, this.position - 13);
		int frames = 0;
		long pixels = 0;
		while (true) {
			int start = this.position;
			int block = next();
			if (block == TRAILER) {
				break;
			}
			if (block == IMAGE) {
				this.position += 4;
				int frameWidth = unsigned16();
				int frameHeight = unsigned16();
				Limits.pixels(this.path, frameWidth, frameHeight);
				pixels += (long) frameWidth * frameHeight;
				if (pixels > MAX_ANIMATION_PIXELS) {
					throw new PhotoException(this.path, "animates more than " + (MAX_ANIMATION_PIXELS / 1_000_000)
							+ " megapixels in all, more than a browser should be asked to decode; export a shorter "
							+ "or smaller animation");
				}
				skipColourTable(next());
				int codeSize = next();
				if (codeSize < 2 || codeSize > 8) {
					throw new PhotoException(this.path, "is not a readable GIF image (a frame's code size of " + codeSize + ")");
				}
				skipSubBlocks();
				copy(out, start, this.position - start);
				frames++;
			}
			else if (block == EXTENSION) {
				int label = next();
				int first = this.position;
				boolean loop = label == APPLICATION && loop();
				skipSubBlocks();
				// written afresh from the fields browsers read, so that nothing else rides along in their blocks
				if (label == GRAPHIC_CONTROL && this.in[first] == 4) {
					out.write(new byte[] { EXTENSION, (byte) GRAPHIC_CONTROL, 4 }, 0, 3);
					out.write(this.in, first + 1, 4);
					out.write(0);
				}
				else if (loop && this.in[first + 12] == 3 && this.in[first + 13] == 1) {
					out.write(new byte[] { EXTENSION, (byte) APPLICATION, 11 }, 0, 3);
					out.write("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII), 0, 11);
					out.write(new byte[] { 3, 1, this.in[first + 14], this.in[first + 15], 0 }, 0, 5);
				}
			}
			else {
				throw new PhotoException(this.path, "is not a readable GIF image (an unknown block at byte " + start + ")");
			}
		}
		if (frames == 0) {
			throw new PhotoException(this.path, "is not a readable GIF image (it holds no picture)");
		}
		out.write(TRAILER);
		byte[] rebuilt = out.toByteArray();
		return Photo.asItIs(this.path, ".gif", "image/gif", width, height, false, rebuilt);
	}

	/** Whether an application extension is the loop count that browsers read (Netscape's, or its twin). */
	private boolean loop() throws PhotoException {
		if (this.position + 12 > this.in.length) {
			throw truncated();
		}
		String application = new String(this.in, this.position + 1, 11, StandardCharsets.US_ASCII);
		return this.in[this.position] == 11 && List.of("NETSCAPE2.0", "ANIMEXTS1.0").contains(application);
	}

	private void skipColourTable(int packed) throws PhotoException {
		if ((packed & 0x80) != 0) {
			this.position += 3 * (1 << ((packed & 7) + 1));
			if (this.position > this.in.length) {
				throw truncated();
			}
		}
	}

	private void skipSubBlocks() throws PhotoException {
		for (int length; (length = next()) != 0;) {
			this.position += length;
			if (this.position > this.in.length) {
				throw truncated();
			}
		}
	}

	private int next() throws PhotoException {
		if (this.position >= this.in.length) {
			throw truncated();
		}
		return this.in[this.position++] & 0xff;
	}

	private int unsigned16() throws PhotoException {
		return next() | (next() << 8);
	}

	private void copy(ByteArrayOutputStream out, int from, int length) {
		out.write(this.in, from, length);
	}

	private PhotoException truncated() {
		return Limits.truncated(this.path, "GIF");
	}

}
