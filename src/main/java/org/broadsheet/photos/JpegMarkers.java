package org.broadsheet.photos;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JPEG's structure, read marker by marker from start to end before any decoder sees the file: its
 * size from the frame header, its EXIF orientation, how it was encoded, and how many scans it has.
 * Nothing but the EXIF segment (64 KB at most) is held; metadata is skipped by its length. A file
 * that is cut off, mostly metadata, claims too many pixels or has too many scans is refused here,
 * naming it, rather than half-decoded, out of memory or minutes later.
 *
 * @param sequential whether the frame is baseline or extended sequential (written once, top to bottom)
 * in one or three components, as {@link AreaAverage} takes it
 * @param orientation the EXIF orientation, 1 (as stored) to 8; 1 when there is none, or it is broken
 */
record JpegMarkers(int width, int height, int components, boolean sequential, int orientation, int scans) {

	private static final int SOI = 0xD8;

	private static final int EOI = 0xD9;

	private static final int SOS = 0xDA;

	private static final int APP1 = 0xE1;

	static JpegMarkers read(String path, Path file) throws IOException, PhotoException {
		return read(path, Files.newInputStream(file));
	}

	/** Reads the markers from the stream, and closes it. */
	static JpegMarkers read(String path, InputStream stream) throws IOException, PhotoException {
		try (Bytes in = new Bytes(stream)) {
			if (in.next() != 0xFF || in.next() != SOI) {
				throw new PhotoException(path, "is not a JPEG file");
			}
			long metadata = 0;
			int width = -1;
			int height = -1;
			int components = 0;
			boolean sequential = false;
			int orientation = 1;
			int scans = 0;
			int marker = in.marker();
			while (marker != EOI) {
				if (marker == 0x01) {
					marker = in.marker();
					continue;
				}
				if (!segment(marker)) {
					// decoders scan past what they do not know, and would find markers this walk had skipped
					throw new PhotoException(path, String.format("is not a readable JPEG file (an unexpected marker "
							+ "0xFF%02X); export it again", marker));
				}
				int length = in.unsigned16() - 2;
				if (length < 0) {
					throw new PhotoException(path, "is not a readable JPEG file (a segment of negative length)");
				}
				// every segment's bytes count: a decoder may hold those before the first scan whole
				metadata += length;
				Limits.metadata(path, metadata);
				if (frame(marker)) {
					byte[] header = in.take(length);
					if (header.length < 6) {
						throw new PhotoException(path, "is not a readable JPEG file (its frame header is short)");
					}
					height = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
					width = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
					components = header[5] & 0xff;
					sequential = (marker == 0xC0 || marker == 0xC1) && (components == 1 || components == 3);
					Limits.pixels(path, width, height);
					if (marker == 0xC2 || marker == 0xCA) {
						// progressive: decoded whole, in native memory that the heap's limit does not cover
						Limits.wholePixels(path, width, height);
					}
				}
				else if (marker == APP1 && orientation == 1 && length > 6) {
					orientation = ExifOrientation.of(in.take(length));
				}
				else {
					in.skip(length);
				}
				if (marker == SOS) {
					if (width < 0) {
						throw new PhotoException(path, "is not a readable JPEG file (a scan before its frame header)");
					}
					if (++scans > Limits.MAX_SCANS) {
						throw new PhotoException(path, "has more than " + Limits.MAX_SCANS + " scans (progressive "
								+ "passes), where encoders write about 10, and each costs a pass over the whole photo; "
								+ "export it again as a baseline JPEG");
					}
					marker = in.afterScan();
				}
				else {
					marker = in.marker();
				}
			}
			if (scans == 0) {
				throw new PhotoException(path, "is not a readable JPEG file (it holds no picture)");
			}
			return new JpegMarkers(width, height, components, sequential, orientation, scans);
		}
		catch (EOFException ex) {
			throw Limits.truncated(path, "JPEG");
		}
	}

	/**
	 * The start-of-frame markers of the sequential and progressive processes, Huffman or arithmetic:
	 * 0xC0 to 0xCF but DHT, JPG and DAC, and the lossless and hierarchical ones, which browsers do not show.
	 */
	private static boolean frame(int marker) {
		return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
				&& marker != 0xC3 && marker != 0xC7 && marker != 0xCB && marker != 0xCF && marker != 0xC5
				&& marker != 0xC6 && marker != 0xCD && marker != 0xCE;
	}

	/** The segments a photo is made of: frames, tables, restart interval, scans, metadata and comments. */
	private static boolean segment(int marker) {
		return frame(marker) || marker == 0xC4 || marker == 0xCC || marker == 0xDB || marker == 0xDD || marker == SOS
				|| (marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE;
	}

	/** The file's bytes through a buffer of its own, as a scan is read byte by byte. */
	private static final class Bytes implements AutoCloseable {

		private final InputStream in;

		private final byte[] buffer = new byte[64 * 1024];

		private int position;

		private int limit;

		Bytes(InputStream in) {
			this.in = in;
		}

		int next() throws IOException {
			if (this.position == this.limit) {
				this.limit = this.in.read(this.buffer);
				this.position = 0;
				if (this.limit <= 0) {
					this.limit = 0;
					throw new EOFException();
				}
			}
			return this.buffer[this.position++] & 0xff;
		}

		/** The next marker: 0xFF, any fill bytes, then the marker's code. */
		int marker() throws IOException {
			int b = next();
			if (b != 0xFF) {
				throw new IOException("no marker where one belongs");
			}
			while (b == 0xFF) {
				b = next();
			}
			return b;
		}

		/** Skips a scan's entropy-coded data, to the first marker that is neither stuffing nor a restart. */
		int afterScan() throws IOException {
			while (true) {
				// most of a photo's bytes pass here: look for 0xFF in the buffer itself
				while (this.position < this.limit && this.buffer[this.position] != (byte) 0xFF) {
					this.position++;
				}
				if (next() != 0xFF) {
					continue;
				}
				int b = next();
				while (b == 0xFF) {
					b = next();
				}
				if (b != 0 && (b < 0xD0 || b > 0xD7)) {
					return b;
				}
			}
		}

		int unsigned16() throws IOException {
			return (next() << 8) | next();
		}

		byte[] take(int length) throws IOException {
			byte[] bytes = new byte[length];
			for (int i = 0; i < length; i++) {
				bytes[i] = (byte) next();
			}
			return bytes;
		}

		void skip(long length) throws IOException {
			long left = length;
			while (left > 0) {
				if (this.position == this.limit) {
					next();
					left--;
					continue;
				}
				int step = (int) Math.min(left, this.limit - this.position);
				this.position += step;
				left -= step;
			}
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
