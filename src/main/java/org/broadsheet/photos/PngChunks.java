package org.broadsheet.photos;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PNG's structure, read chunk by chunk before any decoder sees the file: its size from the header,
 * and proof that it ends as a PNG must. Metadata chunks (text, XMP, EXIF, colour profiles) are
 * skipped by their length, never held. A file that is cut off, mostly metadata, or claims too many
 * pixels is refused here, naming it.
 */
record PngChunks(int width, int height) {

	private static final int IHDR = type("IHDR");

	private static final int IEND = type("IEND");

	private static final int IDAT = type("IDAT");

	/** The chunks a decoder must understand: any other with an upper-case first letter makes the file unreadable. */
	private static final java.util.Set<Integer> CRITICAL = java.util.Set.of(IHDR, type("PLTE"), IDAT, IEND);

	static PngChunks read(String path, Path file) throws IOException, PhotoException {
		return read(path, Files.newInputStream(file));
	}

	/** Reads the chunks from the stream, and closes it. */
	static PngChunks read(String path, InputStream stream) throws IOException, PhotoException {
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(stream))) {
			in.skipNBytes(8);
			long metadata = 0;
			int width = -1;
			int height = -1;
			while (true) {
				long length = in.readInt() & 0xFFFFFFFFL;
				int type = in.readInt();
				if (length > Integer.MAX_VALUE) {
					throw new PhotoException(path, "is not a readable PNG file (a chunk longer than PNG allows)");
				}
				if (width < 0) {
					if (type != IHDR || length < 8) {
						throw new PhotoException(path, "is not a readable PNG file (it does not start with its header)");
					}
					width = in.readInt();
					height = in.readInt();
					Limits.pixels(path, width & 0xFFFFFFFFL, height & 0xFFFFFFFFL);
					skip(in, length - 8 + 4);
					continue;
				}
				if (type == IEND) {
					return new PngChunks(width, height);
				}
				if (!ancillary(type) && !CRITICAL.contains(type)) {
					throw new PhotoException(path, "is not a readable PNG file (a chunk it must not have, \""
							+ name(type) + "\"); export it again");
				}
				if (type != IDAT) {
					// a decoder may hold any chunk but the pixels whole: a palette image's unknown ones, say
					metadata += length;
					Limits.metadata(path, metadata);
				}
				skip(in, length + 4);
			}
		}
		catch (EOFException ex) {
			throw Limits.truncated(path, "PNG");
		}
	}

	/** A chunk a decoder may ignore, which is what metadata is: its type starts with a lower-case letter. */
	private static boolean ancillary(int type) {
		return ((type >>> 24) & 0x20) != 0;
	}

	private static void skip(InputStream in, long length) throws IOException {
		in.skipNBytes(length);
	}

	private static String name(int type) {
		StringBuilder name = new StringBuilder();
		for (int shift = 24; shift >= 0; shift -= 8) {
			int c = (type >>> shift) & 0xff;
			name.append((c >= 0x20 && c < 0x7F) ? (char) c : '?');
		}
		return name.toString();
	}

	private static int type(String name) {
		return (name.charAt(0) << 24) | (name.charAt(1) << 16) | (name.charAt(2) << 8) | name.charAt(3);
	}

}
