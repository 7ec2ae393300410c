package org.broadsheet.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One response, built once per content version: the bytes, their gzip variant (for text) and the
 * ETag of each.
 * Serving it does no work but compare a header and copy bytes.
 */
record Page(String contentType, String cacheControl, byte[] bytes, byte[] gzipped, String etag, String gzipEtag) {

	static Page of(String contentType, String cacheControl, byte[] bytes) {
		String hash = hash(bytes);
		boolean text = contentType.startsWith("text/") || contentType.contains("xml");
		return new Page(contentType, cacheControl, bytes, text ? gzip(bytes) : null, "\"" + hash + "\"",
				"\"" + hash + "-gz\"");
	}

	static Page html(String cacheControl, String html) {
		return of("text/html;charset=UTF-8", cacheControl, html.getBytes(StandardCharsets.UTF_8));
	}

	/** Writes this page with the given status, honouring Accept-Encoding, If-None-Match and HEAD. */
	void serve(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
		boolean gzip = this.gzipped != null && acceptsGzip(request.getHeader("Accept-Encoding"));
		String tag = gzip ? this.gzipEtag : this.etag;
		response.setHeader("Vary", "Accept-Encoding");
		response.setHeader("Cache-Control", this.cacheControl);
		if (status == HttpServletResponse.SC_OK) {
			response.setHeader("ETag", tag);
			if (matches(request.getHeader("If-None-Match"), tag)) {
				response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				return;
			}
		}
		byte[] body = gzip ? this.gzipped : this.bytes;
		response.setStatus(status);
		response.setContentType(this.contentType);
		if (gzip) {
			response.setHeader("Content-Encoding", "gzip");
		}
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

	static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null || !acceptEncoding.contains("gzip")) {
			return false;
		}
		for (String coding : acceptEncoding.split(",")) {
			String[] parts = coding.trim().split(";");
			if (parts[0].trim().equalsIgnoreCase("gzip")) {
				for (int i = 1; i < parts.length; i++) {
					String parameter = parts[i].replace(" ", "");
					if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0*)?")) {
						return false;
					}
				}
				return true;
			}
		}
		return false;
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
				return true;
			}
		}
		return false;
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

	private static String hash(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 24);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
