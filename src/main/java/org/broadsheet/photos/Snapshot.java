package org.broadsheet.photos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * An editor's file, read once: copied into a private temporary file as it is checksummed, so that
 * what is developed is exactly what the cache key was computed from, even if the editor saves again
 * meanwhile. Files larger than any camera writes are refused as they are read, before they fill a disk.
 */
final class Snapshot implements AutoCloseable {

	private final String path;

	private final Path copy;

	private final long length;

	private final byte[] head;

	private final String checksum;

	private Snapshot(String path, Path copy, long length, byte[] head, String checksum) {
		this.path = path;
		this.copy = copy;
		this.length = length;
		this.head = head;
		this.checksum = checksum;
	}

	/**
	 * The length and checksums of the file's bytes as they are now (CRC-32 and Adler-32, 64 bits between
	 * them, computed natively, so that ten megabytes take milliseconds even before the JIT has warmed
	 * up): a cache key, not a signature, as any change to the file gives a new one.
	 */
	static String checksum(String path, ImageFiles files) throws PhotoException {
		return copy(path, files, null).checksum;
	}

	/** Copies the file into a private temporary file, computing its {@link #checksum} from what is copied. */
	static Snapshot of(String path, ImageFiles files) throws PhotoException {
		Path copy = null;
		try {
			// created readable by this user alone, wherever the temporary folder is
			copy = Files.createTempFile("broadsheet-", ".photo");
			Snapshot snapshot = copy(path, files, copy);
			copy = null;
			return snapshot;
		}
		catch (IOException ex) {
			throw new PhotoException(path, "cannot be copied to develop (" + ex.getMessage() + ")", ex);
		}
		finally {
			if (copy != null) {
				delete(copy);
			}
		}
	}

	private static Snapshot copy(String path, ImageFiles files, Path copy) throws PhotoException {
		try (InputStream in = files.open(path); OutputStream out = (copy != null) ? Files.newOutputStream(copy)
				: OutputStream.nullOutputStream()) {
			if (in == null) {
				throw new PhotoException(path, PhotoException.MISSING);
			}
			CRC32 crc = new CRC32();
			Adler32 adler = new Adler32();
			byte[] head = new byte[FileKind.HEAD];
			int headLength = 0;
			long length = 0;
			byte[] buffer = new byte[256 * 1024];
			for (int read; (read = in.read(buffer)) > 0;) {
				if (length + read > Limits.MAX_FILE_BYTES) {
					throw new PhotoException(path, "is over " + (Limits.MAX_FILE_BYTES >> 20) + " MB, larger than "
							+ "any camera writes a photo; export a smaller copy");
				}
				if (headLength < head.length) {
					int taken = Math.min(read, head.length - headLength);
					System.arraycopy(buffer, 0, head, headLength, taken);
					headLength += taken;
				}
				crc.update(buffer, 0, read);
				adler.update(buffer, 0, read);
				out.write(buffer, 0, read);
				length += read;
			}
			return new Snapshot(path, copy, length, Arrays.copyOf(head, headLength),
					length + "-" + Long.toHexString(crc.getValue()) + "-" + Long.toHexString(adler.getValue()));
		}
		catch (IOException ex) {
			throw new PhotoException(path, "cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	/** The editor's path, such as {@code images/parade.jpg}. */
	String path() {
		return this.path;
	}

	/** The private copy, to read the bytes from as often as decoding needs. */
	Path file() {
		return this.copy;
	}

	long length() {
		return this.length;
	}

	/** What the file is, by its first bytes. */
	FileKind kind() {
		return FileKind.of(this.head);
	}

	/** The length and checksums of the bytes copied. */
	String checksum() {
		return this.checksum;
	}

	/** The whole file in memory: for drawings and GIFs, which are small and read whole. */
	byte[] bytes(int limit, String what) throws PhotoException {
		if (this.length > limit) {
			throw new PhotoException(this.path, "is over " + (limit >> 20) + " MB, too large for " + what);
		}
		try {
			return Files.readAllBytes(this.copy);
		}
		catch (IOException ex) {
			throw new PhotoException(this.path, "cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	@Override
	public void close() {
		delete(this.copy);
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a temporary file, removed on the next reboot at worst
		}
	}

}
