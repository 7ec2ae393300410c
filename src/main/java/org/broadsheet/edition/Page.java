package org.broadsheet.edition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.broadsheet.photos.Fingerprint;

/**
 * One response, built once per content version: the bytes, their gzip variant (for text) and the
 * ETag of each. Serving it does no work but compare a header and copy bytes.
 *
 * @param gzipped the bytes compressed, or null for what does not compress (images)
 */
public record Page(String contentType, String cacheControl, byte[] bytes, byte[] gzipped, String etag, String gzipEtag) {

	static Page of(String contentType, String cacheControl, byte[] bytes) {
		return of(contentType, cacheControl, bytes, Fingerprint.of(bytes));
	}

	/** @param hash a fingerprint of the bytes already known, such as the one in a photo's URL */
	static Page of(String contentType, String cacheControl, byte[] bytes, String hash) {
		boolean text = contentType.startsWith("text/") || contentType.contains("xml");
		return new Page(contentType, cacheControl, bytes, text ? gzip(bytes) : null, "\"" + hash + "\"",
				"\"" + hash + "-gz\"");
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
