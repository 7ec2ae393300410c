package org.broadsheet.server;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.broadsheet.edition.Page;

/**
 * Writes a printed {@link Page} as the response: its gzip variant to clients that accept it, a 304
 * to a matching {@code If-None-Match}, headers alone to {@code HEAD}.
 */
final class PageWriter {

	private PageWriter() {
	}

	static void write(Page page, HttpServletRequest request, HttpServletResponse response, int status)
			throws IOException {
		boolean gzip = page.gzipped() != null && acceptsGzip(request.getHeader("Accept-Encoding"));
		String tag = gzip ? page.gzipEtag() : page.etag();
		response.setHeader("Vary", "Accept-Encoding");
		response.setHeader("Cache-Control", page.cacheControl());
		page.headers().forEach(response::setHeader);
		if (status == HttpServletResponse.SC_OK) {
			response.setHeader("ETag", tag);
			if (matches(request.getHeader("If-None-Match"), tag)) {
				response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				return;
			}
		}
		byte[] body = gzip ? page.gzipped() : page.bytes();
		response.setStatus(status);
		response.setContentType(page.contentType());
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

}
