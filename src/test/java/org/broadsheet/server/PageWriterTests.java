package org.broadsheet.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.broadsheet.edition.Page;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server sends for a printed page: its bytes, and every header it was printed with. */
class PageWriterTests {

	@Test
	void aVersionIsSentWithItsMementoHeaders() throws Exception {
		byte[] html = "<!DOCTYPE html><title>v2</title>".getBytes(StandardCharsets.UTF_8);
		Page page = new Page("text/html;charset=UTF-8", "public, max-age=300", html, null, "\"v2\"", "\"v2-gz\"",
				Map.of("Memento-Datetime", "Thu, 22 May 2014 13:05:00 GMT", "Link",
						"<https://news.example.org/>; rel=\"original\""));
		MockHttpServletResponse response = new MockHttpServletResponse();
		PageWriter.write(page, new MockHttpServletRequest("GET", "/history/2/"), response, 200);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Memento-Datetime")).isEqualTo("Thu, 22 May 2014 13:05:00 GMT");
		assertThat(response.getHeader("Link")).isEqualTo("<https://news.example.org/>; rel=\"original\"");
		assertThat(response.getContentAsByteArray()).isEqualTo(html);
	}

}
