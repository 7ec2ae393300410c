package org.broadsheet.edition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.broadsheet.photos.Fingerprint;

/**
 * One response, built once per content version: the bytes, their gzip variant (for text) and the
 * ETag of each. Serving it does no work but compare a header and copy bytes.
 *
 * @param gzipped the bytes compressed, or null for what does not compress (images)
 * @param headers any other headers it is sent with, such as Memento's {@code Link} and
 * {@code Memento-Datetime}, in order
 */
public record Page(String contentType, String cacheControl, byte[] bytes, byte[] gzipped, String etag, String gzipEtag,
		Map<String, String> headers) {

	public Page {
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	/** The same page, sent with these headers too. */
	Page with(Map<String, String> more) {
		Map<String, String> all = new LinkedHashMap<>(this.headers);
		all.putAll(more);
		return new Page(this.contentType, this.cacheControl, this.bytes, this.gzipped, this.etag, this.gzipEtag, all);
	}

	static Page of(String contentType, String cacheControl, byte[] bytes) {
		return of(contentType, cacheControl, bytes, Fingerprint.of(bytes));
	}

	/** @param hash a fingerprint of the bytes already known, such as the one in a photo's URL */
	static Page of(String contentType, String cacheControl, byte[] bytes, String hash) {
		boolean text = contentType.startsWith("text/") || contentType.contains("xml")
				|| contentType.equals("application/link-format");
		return new Page(contentType, cacheControl, bytes, text ? gzip(bytes) : null, "\"" + hash + "\"",
				"\"" + hash + "-gz\"", Map.of());
	}

	static Page html(String cacheControl, String html) {
		return of("text/html;charset=UTF-8", cacheControl, html.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
			{
				this.def.setLevel(Deflater.BEST_COMPRESSION);
			}
		}) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
