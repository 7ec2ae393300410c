package org.broadsheet.edition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link Edition} serves, as one file: every page with its headers and ETags, and the
 * link-preview image, so that a restart can serve the article before it is printed again. Not the
 * {@link Edition#article() article} it was printed from: an edition read back has none, and is served
 * only until the article is printed again.
 * <p>
 * The file is the edition's bytes in a fixed order (views by path), then the SHA-256 of all before it;
 * reading checks that sum and every length against what is left, so that a damaged file is refused,
 * never served. Two editions that serve the same bytes have the same file, which is how a reprint is
 * compared with what was read back.
 */
public final class EditionFile {

	private static final String MAGIC = "broadsheet edition 1";

	private static final int DIGEST = 32;

	private EditionFile() {
	}

	/**
	 * @param notes what the reader of the file needs beside the edition, such as what it was printed
	 * from, written before the pages in order
	 */
	public static byte[] write(Edition edition, Map<String, String> notes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(size(edition) + 4096);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeUTF(MAGIC);
			strings(out, notes);
			SocialImage image = edition.socialImage();
			out.writeUTF(image.url());
			out.writeInt(image.width());
			out.writeInt(image.height());
			out.writeUTF(image.alt());
			out.writeUTF(image.type());
			for (Page page : List.of(edition.page(), edition.notFound(), edition.clientError(), edition.serverError())) {
				page(out, page);
			}
			Map<String, Page> views = new TreeMap<>(edition.views());
			out.writeInt(views.size());
			for (Map.Entry<String, Page> view : views.entrySet()) {
				out.writeUTF(view.getKey());
				page(out, view.getValue());
			}
			out.flush();
			out.write(sha256(bytes.toByteArray(), bytes.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** An edition read back, without its article, and the notes written with it. */
	public record Read(Edition edition, Map<String, String> notes) {
	}

	/** @throws IOException when the file is damaged, cut short or not one of these */
	public static Read read(byte[] file) throws IOException {
		if (file.length < DIGEST || !Arrays.equals(sha256(file, file.length - DIGEST),
				Arrays.copyOfRange(file, file.length - DIGEST, file.length))) {
			throw new IOException("its checksum does not match: it is damaged or cut short");
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, 0, file.length - DIGEST))) {
			if (!MAGIC.equals(in.readUTF())) {
				throw new IOException("it is not a printed edition of this version of Broadsheet");
			}
			Map<String, String> notes = strings(in);
			SocialImage image = new SocialImage(in.readUTF(), in.readInt(), in.readInt(), in.readUTF(), in.readUTF());
			Page page = page(in);
			Page notFound = page(in);
			Page clientError = page(in);
			Page serverError = page(in);
			int count = count(in);
			Map<String, Page> views = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				views.put(in.readUTF(), page(in));
			}
			if (in.available() != 0) {
				throw new IOException("it goes on after its last page");
			}
			return new Read(new Edition(null, page, views, notFound, clientError, serverError, image), notes);
		}
		catch (EOFException ex) {
			throw new IOException("it ends before its last page", ex);
		}
	}

	private static void page(DataOutputStream out, Page page) throws IOException {
		out.writeUTF(page.contentType());
		out.writeUTF(page.cacheControl());
		bytes(out, page.bytes());
		bytes(out, page.gzipped());
		out.writeUTF(page.etag());
		out.writeUTF(page.gzipEtag());
		strings(out, page.headers());
	}

	private static Page page(DataInputStream in) throws IOException {
		return new Page(in.readUTF(), in.readUTF(), bytes(in), bytes(in), in.readUTF(), in.readUTF(), strings(in));
	}

	private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
		if (bytes == null) {
			out.writeInt(-1);
			return;
		}
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static byte[] bytes(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length == -1) {
			return null;
		}
		if (length < 0 || length > in.available()) {
			throw new IOException("it names more bytes than it holds");
		}
		return in.readNBytes(length);
	}

	private static void strings(DataOutputStream out, Map<String, String> strings) throws IOException {
		out.writeInt(strings.size());
		for (Map.Entry<String, String> each : strings.entrySet()) {
			out.writeUTF(each.getKey());
			out.writeUTF(each.getValue());
		}
	}

	private static Map<String, String> strings(DataInputStream in) throws IOException {
		int count = count(in);
		Map<String, String> strings = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			strings.put(in.readUTF(), in.readUTF());
		}
		return strings;
	}

	/** A count of what follows, each of which takes two bytes at least. */
	private static int count(DataInputStream in) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > in.available() / 2) {
			throw new IOException("it names more entries than it holds");
		}
		return count;
	}

	private static int size(Edition edition) {
		long size = 0;
		for (Page page : edition.views().values()) {
			size += page.bytes().length + ((page.gzipped() != null) ? page.gzipped().length : 0);
		}
		return (int) Math.min(size, Integer.MAX_VALUE - 8192);
	}

	private static byte[] sha256(byte[] bytes, int length) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(bytes, 0, length);
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
