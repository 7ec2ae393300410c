package org.broadsheet.edition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.broadsheet.photos.Fingerprint;

/**
 * What an {@link Edition} serves, as one file: every page with its headers and ETags, and the
 * link-preview image, so that a restart can serve the article before it is printed again. Not the
 * {@link Edition#article() article} it was printed from: an edition read back has none, and is served
 * only until the article is printed again.
 * <p>
 * The file is the edition's bytes in a fixed order (views by path), then the SHA-256 of all before it;
 * both are written and read as they go, so that nothing but the edition is held in memory. Reading
 * checks every length against what is left of the file and the sum at its end, so that a damaged file
 * is refused, never served.
 */
public final class EditionFile {

	private static final String MAGIC = "broadsheet edition 1";

	private static final int DIGEST = 32;

	private static final String DAMAGED = "it is damaged or cut short: ";

	/** More pages, headers or notes than any edition has: an article's photos come to a few hundred files. */
	private static final int MOST = 10_000;

	private EditionFile() {
	}

	/**
	 * Writes the file as it goes, holding nothing but the edition.
	 * @param notes what the reader of the file needs beside the edition, such as what it was printed
	 * from, written before the pages in order
	 */
	public static void write(Edition edition, Map<String, String> notes, OutputStream file) throws IOException {
		MessageDigest sum = Fingerprint.sha256();
		DataOutputStream out = new DataOutputStream(new DigestOutputStream(file, sum));
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
		file.write(sum.digest());
		file.flush();
	}

	/** The file in memory, for what is small. */
	public static byte[] write(Edition edition, Map<String, String> notes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			write(edition, notes, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** An edition read back, without its article, and the notes written with it. */
	public record Read(Edition edition, Map<String, String> notes) {
	}

	public static Read read(byte[] file) throws IOException {
		return read(new ByteArrayInputStream(file), file.length);
	}

	/**
	 * Reads the file as it goes, holding nothing but the edition, and refuses it at the end unless its
	 * checksum matches.
	 * @param length the file's length, which no length in it may run past
	 * @throws IOException when the file is damaged, cut short or not one of these
	 */
	public static Read read(InputStream file, long length) throws IOException {
		if (length < DIGEST) {
			throw new IOException(DAMAGED + "it is too short to hold one");
		}
		MessageDigest sum = Fingerprint.sha256();
		Bounded body = new Bounded(new DigestInputStream(file, sum), length - DIGEST);
		try {
			DataInputStream in = new DataInputStream(body);
			if (!MAGIC.equals(in.readUTF())) {
				throw new IOException("it is not a printed edition of this version of Broadsheet");
			}
			Map<String, String> notes = strings(in, body);
			SocialImage image = new SocialImage(in.readUTF(), in.readInt(), in.readInt(), in.readUTF(), in.readUTF());
			Page page = page(in, body);
			Page notFound = page(in, body);
			Page clientError = page(in, body);
			Page serverError = page(in, body);
			int count = count(in, body);
			Map<String, Page> views = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				views.put(in.readUTF(), page(in, body));
			}
			if (body.left != 0) {
				throw new IOException(DAMAGED + "it goes on after its last page");
			}
			byte[] written = file.readNBytes(DIGEST);
			if (!Arrays.equals(written, sum.digest())) {
				throw new IOException(DAMAGED + "its checksum does not match");
			}
			return new Read(new Edition(null, page, views, notFound, clientError, serverError, image), notes);
		}
		catch (EOFException ex) {
			throw new IOException(DAMAGED + "it ends before its last page", ex);
		}
	}

	/** Whether the two serve the same bytes, with the same headers, at the same paths. */
	public static boolean same(Edition one, Edition other) {
		if (!one.socialImage().equals(other.socialImage()) || !one.views().keySet().equals(other.views().keySet())) {
			return false;
		}
		for (Map.Entry<String, Page> view : one.views().entrySet()) {
			if (!same(view.getValue(), other.views().get(view.getKey()))) {
				return false;
			}
		}
		return same(one.page(), other.page()) && same(one.notFound(), other.notFound())
				&& same(one.clientError(), other.clientError()) && same(one.serverError(), other.serverError());
	}

	private static boolean same(Page one, Page other) {
		return one.contentType().equals(other.contentType()) && one.cacheControl().equals(other.cacheControl())
				&& Arrays.equals(one.bytes(), other.bytes()) && Arrays.equals(one.gzipped(), other.gzipped())
				&& one.etag().equals(other.etag()) && one.gzipEtag().equals(other.gzipEtag())
				&& one.headers().equals(other.headers());
	}

	/** What the edition holds in memory: the bytes of all its pages. */
	public static long size(Edition edition) {
		long size = 0;
		List<Page> pages = new ArrayList<>(edition.views().values());
		pages.addAll(List.of(edition.page(), edition.notFound(), edition.clientError(), edition.serverError()));
		for (Page page : pages) {
			size += page.bytes().length + ((page.gzipped() != null) ? page.gzipped().length : 0);
		}
		return size;
	}

	/** The file's body, which no length may run past: counts what is left of it. */
	private static final class Bounded extends FilterInputStream {

		private long left;

		Bounded(InputStream in, long length) {
			super(in);
			this.left = length;
		}

		@Override
		public int read() throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int read = super.read();
			if (read >= 0) {
				this.left--;
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int read = super.read(buffer, offset, (int) Math.min(length, this.left));
			if (read > 0) {
				this.left -= read;
			}
			return read;
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

	private static Page page(DataInputStream in, Bounded body) throws IOException {
		return new Page(in.readUTF(), in.readUTF(), bytes(in, body), bytes(in, body), in.readUTF(), in.readUTF(),
				strings(in, body));
	}

	private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
		if (bytes == null) {
			out.writeInt(-1);
			return;
		}
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static byte[] bytes(DataInputStream in, Bounded body) throws IOException {
		int length = in.readInt();
		if (length == -1) {
			return null;
		}
		if (length < 0 || length > body.left) {
			throw new IOException(DAMAGED + "it names more bytes than it holds");
		}
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return bytes;
	}

	private static void strings(DataOutputStream out, Map<String, String> strings) throws IOException {
		out.writeInt(strings.size());
		for (Map.Entry<String, String> each : strings.entrySet()) {
			out.writeUTF(each.getKey());
			out.writeUTF(each.getValue());
		}
	}

	private static Map<String, String> strings(DataInputStream in, Bounded body) throws IOException {
		int count = count(in, body);
		Map<String, String> strings = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			strings.put(in.readUTF(), in.readUTF());
		}
		return strings;
	}

	/**
	 * A count of what follows, each of which takes two bytes at least, and no more of them than an
	 * edition has: in memory each takes far more room than in the file.
	 */
	private static int count(DataInputStream in, Bounded body) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > body.left / 2 || count > MOST) {
			throw new IOException(DAMAGED + "it names more entries than it holds");
		}
		return count;
	}

}
