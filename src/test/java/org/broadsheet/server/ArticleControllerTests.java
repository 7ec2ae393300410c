package org.broadsheet.server;

import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.edition.Page;
import org.broadsheet.edition.Press;
import org.broadsheet.publishing.ArticleSource;
import org.broadsheet.publishing.PhotoDevelopment;
import org.broadsheet.publishing.Publication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The controller in a slice: status, headers and content as it hands out what was printed.
 */
@WebMvcTest(ArticleController.class)
@Import({ Publication.class, Press.class, ArticleSource.class, PhotoDevelopment.class, ApplicationAvailabilityBean.class,
		PreviewEvents.class })
@EnableConfigurationProperties(BroadsheetProperties.class)
class ArticleControllerTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Publication publication;

	@Test
	void servesTheArticleThroughTheLayout() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/html;charset=UTF-8"))
			.andExpect(header().string("Cache-Control", "public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400"))
			.andExpect(header().string("Vary", "Accept-Encoding"))
			.andExpect(header().string("ETag", this.publication.current().page().etag()))
			.andExpect(content().string(containsString(
					"<h1 class=\"headline\">North Korea: Increased Cell Phone Usage Signals Change</h1>")))
			.andExpect(content().string(containsString("<a class=\"skip-link\" href=\"#main\">")))
			.andExpect(content().string(containsString("<figure class=\"quote epigraph\">")));
	}

	@Test
	void matchingIfNoneMatchGetsNotModifiedWithNoBody() throws Exception {
		String etag = this.publication.current().page().etag();
		this.mvc.perform(get("/").header("If-None-Match", etag))
			.andExpect(status().isNotModified())
			.andExpect(header().string("ETag", etag))
			.andExpect(content().bytes(new byte[0]));
		this.mvc.perform(get("/").header("If-None-Match", "\"something-else\"")).andExpect(status().isOk());
	}

	@Test
	void gzipAcceptingClientGetsTheGzipVariantUnderItsOwnEtag() throws Exception {
		MvcResult result = this.mvc.perform(get("/").header("Accept-Encoding", "gzip, deflate, br"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Encoding", "gzip"))
			.andExpect(header().string("ETag", this.publication.current().page().gzipEtag()))
			.andReturn();
		byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))
			.readAllBytes();
		assertThat(unzipped).isEqualTo(this.publication.current().page().bytes());
		this.mvc.perform(get("/").header("Accept-Encoding", "gzip").header("If-None-Match",
				this.publication.current().page().gzipEtag()))
			.andExpect(status().isNotModified());
		this.mvc.perform(get("/").header("Accept-Encoding", "gzip;q=0"))
			.andExpect(header().doesNotExist("Content-Encoding"));
	}

	@Test
	void headGivesTheSameHeadersAsGetAndNoBody() throws Exception {
		Page page = this.publication.current().page();
		MockHttpServletResponse get = this.mvc.perform(get("/")).andReturn().getResponse();
		MockHttpServletResponse head = this.mvc.perform(head("/"))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", page.etag()))
			.andExpect(header().longValue("Content-Length", page.bytes().length))
			.andExpect(content().bytes(new byte[0]))
			.andReturn()
			.getResponse();
		assertThat(head.getHeaderNames()).containsExactlyInAnyOrderElementsOf(get.getHeaderNames());
		for (String name : get.getHeaderNames()) {
			assertThat(head.getHeaderValues(name)).as(name).isEqualTo(get.getHeaderValues(name));
		}
	}

	@Test
	void directRequestForTheErrorPathIsNotFoundAndLeaksNothing() throws Exception {
		this.mvc.perform(get("/error"))
			.andExpect(status().isNotFound())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().string(containsString("This page does not exist")))
			.andExpect(content().string(containsString(
					"<a href=\"/\">North Korea: Increased Cell Phone Usage Signals Change</a>")))
			.andExpect(content().string(not(containsString("Whitelabel"))))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void otherMethodsOnTheArticleAreNotAllowed() throws Exception {
		this.mvc.perform(post("/")).andExpect(status().isMethodNotAllowed()).andExpect(header().exists("Allow"));
	}

}
