package org.broadsheet.publishing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.ArticleException;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.Page;
import org.broadsheet.edition.TestPress;
import org.eclipse.jgit.api.Git;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The article's history from repositories the tests make: published versions from git commits, each
 * at its permanent address with what changed, and no silent edit.
 */
@ExtendWith(OutputCaptureExtension.class)
class ArticleHistoryTests {

	static final String FIRST = "North Korea opened its own mobile network in 2011, said the \"Wall Street Journal\".";

	static final String CORRECTION = "corrections:\n  - date: 2014-05-22T14:05:00+01:00\n"
			+ "    text: An earlier version gave the wrong year for the network's opening.";

	static final String UPDATE = "  - date: 2014-05-23T08:00:00+01:00\n    text: Adds a paragraph on Internet palaces.";

	@TempDir
	Path folder;

	/** Three published versions and a draft before them: published, corrected, updated. */
	ArticleRepository threeVersions() {
		ArticleRepository repository = ArticleRepository.create(this.folder.resolve("clone"));
		repository.commitArticle(ArticleRepository.article("An early draft, never published."), "2014-05-20T18:00:00+01:00");
		repository.commitArticle(ArticleRepository.article(FIRST), "2014-05-21T09:00:00+01:00");
		repository.commitArticle(ArticleRepository.article(FIRST.replace("2011", "2013"), CORRECTION), "2014-05-22T14:05:00+01:00");
		repository.commitArticle(ArticleRepository.article(FIRST.replace("2011", "2013") + "\n\nInternet palaces came later.",
				CORRECTION.replace("corrections:", "updates:\n" + UPDATE + "\ncorrections:")), "2014-05-23T08:00:00+01:00");
		return repository;
	}

	Publication publication(Path article, boolean preview) {
		BroadsheetProperties properties = TestPress.properties(article.toString(), preview);
		return new Publication(new ArticleSource(properties), TestPress.of(properties), TestPress.DARKROOM, properties,
				new StandardEnvironment());
	}

	static String text(Page page) {
		return new String(page.bytes(), StandardCharsets.UTF_8);
	}

	@Test
	void eachPublishedVersionHasAPermanentAddressWithWhatChangedAndDraftsStayPrivate() {
		try (ArticleRepository repository = threeVersions()) {
			Edition edition = publication(repository.article(), false).settled();
			assertThat(edition.views().keySet()).contains("/history/", "/history/1/", "/history/2/", "/history/3/",
					"/history/timemap")
				.doesNotContain("/history/4/");
			Document history = Jsoup.parse(text(edition.views().get("/history/")));
			assertThat(history.select(".versions > li .version-head")).extracting((element) -> element.text())
				.containsExactly("Version 3, 23 May 2014, 08:00 UTC+1 (current)", "Version 2, 22 May 2014, 14:05 UTC+1",
						"Version 1, 21 May 2014, 09:30 UTC+1 (first published)");
			assertThat(history.select(".versions > li").get(0).select(".version-notes li").text())
				.isEqualTo("Update Adds a paragraph on Internet palaces.");
			assertThat(history.select(".versions > li").get(1).select(".version-notes li").text())
				.startsWith("Correction An earlier version gave the wrong year");
			assertThat(text(edition.views().get("/history/1/"))).as("the draft stays private")
				.doesNotContain("early draft").contains("in 2011");
		}
	}

	@Test
	void anEarlierVersionIsMarkedShowsWhatChangedWordByWordAndPointsToTheCurrentOne() {
		try (ArticleRepository repository = threeVersions()) {
			Edition edition = publication(repository.article(), false).settled();
			Page page = edition.views().get("/history/2/");
			Document version = Jsoup.parse(text(page));
			assertThat(version.selectFirst(".notice").text()).startsWith("This is an earlier version of this article, "
					+ "version 2 of 3, published 22 May 2014, 14:05 UTC+1.").contains("Read the current article");
			assertThat(version.select(".changes .change")).singleElement().satisfies((change) -> {
				assertThat(change.select("del").text()).isEqualTo("2011");
				assertThat(change.select("ins").text()).isEqualTo("2013");
			});
			assertThat(version.selectFirst("meta[name=robots]").attr("content")).isEqualTo("noindex");
			assertThat(version.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(TestPress.BASE_URL + "/");
			assertThat(version.selectFirst("link[rel=latest-version]").attr("href")).isEqualTo("/");
			assertThat(version.selectFirst("link[rel=predecessor-version]").attr("href")).isEqualTo("/history/1/");
			assertThat(version.selectFirst("link[rel=successor-version]").attr("href")).isEqualTo("/history/3/");
			assertThat(version.select("script")).as("no JSON-LD, nor any script, for an earlier version").isEmpty();
			assertThat(page.headers()).containsEntry("Memento-Datetime", "Thu, 22 May 2014 13:05:00 GMT")
				.containsEntry("Link", "<" + TestPress.BASE_URL + "/>; rel=\"original\", <" + TestPress.BASE_URL
						+ "/history/timemap>; rel=\"timemap\"; type=\"application/link-format\"");
			assertThat(Jsoup.parse(text(edition.views().get("/history/1/"))).select(".changes")).as("the first has no "
					+ "version before it").isEmpty();
		}
	}

	@Test
	void theArticleLinksItsHistoryAndTheTimeMapListsEveryVersion() {
		try (ArticleRepository repository = threeVersions()) {
			Edition edition = publication(repository.article(), false).settled();
			Document page = Jsoup.parse(text(edition.page()));
			assertThat(page.selectFirst("link[rel=version-history]").attr("href")).isEqualTo("/history/");
			assertThat(page.selectFirst(".dateline a[href=/history/]").text()).isEqualTo("History of this article");
			assertThat(edition.page().headers().get("Link")).isEqualTo("<" + TestPress.BASE_URL
					+ "/history/timemap>; rel=\"timemap\"; type=\"application/link-format\", <" + TestPress.BASE_URL
					+ "/>; rel=\"original\"");
			Page timeMap = edition.views().get("/history/timemap");
			assertThat(timeMap.contentType()).isEqualTo("application/link-format");
			assertThat(text(timeMap).lines().toList()).containsExactly(
					"<" + TestPress.BASE_URL + "/>;rel=\"original\",",
					"<" + TestPress.BASE_URL + "/history/timemap>;rel=\"self\";type=\"application/link-format\";"
							+ "from=\"Wed, 21 May 2014 08:30:00 GMT\";until=\"Fri, 23 May 2014 07:00:00 GMT\",",
					"<" + TestPress.BASE_URL + "/history/1/>;rel=\"first memento\";datetime=\"Wed, 21 May 2014 08:30:00 GMT\",",
					"<" + TestPress.BASE_URL + "/history/2/>;rel=\"memento\";datetime=\"Thu, 22 May 2014 13:05:00 GMT\",",
					"<" + TestPress.BASE_URL + "/history/3/>;rel=\"last memento\";datetime=\"Fri, 23 May 2014 07:00:00 GMT\"");
			assertThat(text(edition.views().get(Edition.FEED))).contains("<link rel=\"version-history\" type=\"text/html\" "
					+ "href=\"" + TestPress.BASE_URL + "/history/\" />");
		}
	}

	@Test
	void aShallowCloneSaysWhatItCannotSeeAndPublishesOneVersionWithNoHistory(CapturedOutput output) throws Exception {
		try (ArticleRepository repository = threeVersions();
				Git shallow = Git.cloneRepository().setURI(repository.folder().toUri().toString()).setDepth(1)
					.setDirectory(this.folder.resolve("shallow").toFile()).call()) {
			Edition edition = publication(this.folder.resolve("shallow/content/article.md"), false).settled();
			assertThat(edition.views().keySet()).noneMatch((path) -> path.startsWith("/history/"));
			assertThat(output.getOut()).contains("the clone is shallow, so commits before 2014-05-23 cannot be seen; "
					+ "clone it whole (git fetch --unshallow) to publish its earlier versions; publishing what there is");
		}
	}

	@Test
	void anArticleInNoRepositorySaysSoInOneLine(CapturedOutput output) throws Exception {
		Path article = Files.writeString(Files.createDirectories(this.folder.resolve("plain")).resolve("article.md"),
				ArticleRepository.article(FIRST));
		assertThat(publication(article, false).settled().views().keySet()).noneMatch((path) -> path.startsWith("/history/"));
		assertThat(output.getOut()).contains("History of " + article + ": no git repository holds it, so no earlier "
				+ "version can be shown; publishing what there is");
	}

	@Test
	void aRenamedArticleKeepsItsHistory() {
		try (ArticleRepository repository = threeVersions()) {
			repository.write("content/north-korea.md", ArticleRepository.article(FIRST.replace("2011", "2013")
					+ "\n\nInternet palaces came later. So did tablets.", "updates:\n" + UPDATE
					+ "\n  - date: 2014-05-24T10:00:00+01:00\n    text: Adds tablets.\n" + CORRECTION));
			try {
				Files.delete(repository.article());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			repository.commit("2014-05-24T10:00:00+01:00", "Renamed, with an update");
			Edition edition = publication(repository.folder().resolve("content/north-korea.md"), false).settled();
			assertThat(edition.views().keySet()).contains("/history/1/", "/history/4/");
			assertThat(text(edition.views().get("/history/1/"))).contains("in 2011");
		}
	}

	@Test
	void aReplacedPhotoIsAVersionAndTheEarlierOneShowsTheOldPhoto() {
		try (ArticleRepository repository = ArticleRepository.create(this.folder.resolve("photos"))) {
			String body = FIRST + "\n\n![A phone with full bars](images/phone.svg)\nA caption\n— A credit";
			repository.write("content/images/phone.svg", drawing("#a3191f"));
			repository.commitArticle(ArticleRepository.article(body), "2014-05-21T09:00:00+01:00");
			repository.write("content/images/phone.svg", drawing("#1f2a44"));
			repository.commitArticle(ArticleRepository.article(body, "updates:\n  - date: 2014-05-22T10:00:00+01:00\n"
					+ "    text: Replaces the drawing."), "2014-05-22T10:00:00+01:00");
			Edition edition = publication(repository.article(), false).settled();
			String first = text(edition.views().get("/history/1/"));
			String second = text(edition.views().get("/history/2/"));
			String before = first.replaceAll("(?s).*(/images/phone-[0-9a-f]+\\.svg).*", "$1");
			String after = second.replaceAll("(?s).*(/images/phone-[0-9a-f]+\\.svg).*", "$1");
			assertThat(before).isNotEqualTo(after);
			assertThat(edition.views()).containsKeys(before, after);
			assertThat(new String(edition.views().get(before).bytes(), StandardCharsets.UTF_8)).contains("#a3191f");
			assertThat(Jsoup.parse(second).select(".changes .photo-replaced").text()).isEqualTo("(the photo was replaced)");
		}
	}

	@Test
	void aVersionThatOnlyCurlsTheQuotesIsNoVersion() {
		try (ArticleRepository repository = ArticleRepository.create(this.folder.resolve("quotes"))) {
			repository.commitArticle(ArticleRepository.article(FIRST), "2014-05-21T09:00:00+01:00");
			repository.commitArticle(ArticleRepository.article(FIRST.replace("\"Wall Street Journal\"",
					"\u201CWall Street Journal\u201D").replace("said", "said")), "2014-05-21T12:00:00+01:00");
			Edition edition = publication(repository.article(), false).settled();
			assertThat(edition.views().keySet()).as("one version: no history").noneMatch((path) -> path.startsWith("/history/"));
		}
	}

	@Test
	void aSubstantiveChangeWithNoNoteIsRefusedNamingItsLinesCommittedOrNot() {
		try (ArticleRepository repository = ArticleRepository.create(this.folder.resolve("silent"))) {
			repository.commitArticle(ArticleRepository.article(FIRST), "2014-05-21T09:00:00+01:00");
			repository.write("content/article.md", ArticleRepository.article(FIRST.replace("2011", "2009")));
			assertThatExceptionOfType(ArticleException.class).isThrownBy(() -> publication(repository.article(), true).settled())
				.withMessageStartingWith(repository.article() + ", line 6: the published article's words change at line 6 "
						+ "(a number changed (\"2011\")) with no new correction or update")
				.withMessageContaining("add a note to the front matter, under \"corrections:\"");
			repository.commit("2014-05-22T09:00:00+01:00", "A silent edit, committed");
			assertThatExceptionOfType(ArticleException.class).isThrownBy(() -> publication(repository.article(), false).settled())
				.withMessageContaining("with no new correction or update");
			repository.commitArticle(ArticleRepository.article(FIRST.replace("2011", "2009"),
					CORRECTION.replace("2014-05-22T14:05", "2014-05-22T09:30")), "2014-05-22T09:30:00+01:00");
			assertThat(publication(repository.article(), false).settled().views()).as("on the record now").containsKey("/history/3/");
		}
	}

	@Test
	void aNameOrAQuotationChangedWithNoNoteIsRefusedTooAndASmallFixIsLetThroughWithAWarning(CapturedOutput output) {
		try (ArticleRepository repository = ArticleRepository.create(this.folder.resolve("small"))) {
			String text = FIRST + " It said the network was \u201Cgrowing fast\u201D.\n\n> \u201CEveryone has one.\u201D\n>\n> \u2014 A source";
			repository.commitArticle(ArticleRepository.article(text), "2014-05-21T09:00:00+01:00");
			for (String[] edit : new String[][] { { "Wall Street Journal", "Financial Times" },
					{ "Everyone has one.", "Everyone wants one." } }) {
				repository.write("content/article.md", ArticleRepository.article(text.replace(edit[0], edit[1])));
				assertThatExceptionOfType(ArticleException.class)
					.isThrownBy(() -> publication(repository.article(), true).settled())
					.withMessageContaining(edit[0].startsWith("Wall") ? "a name changed (\"Wall\")"
							: "a quotation changed");
			}
			repository.write("content/article.md", ArticleRepository.article(text.replace("opened its own", "opened its onw")
				.replace("fast\u201D.", "fast\u201D!")));
			assertThat(publication(repository.article(), true).settled().page().bytes()).isNotEmpty();
			assertThat(output.getOut()).contains("a small change to the published article, let through with no note "
					+ "(line 6: deleted \"own\")");
			Document preview = Jsoup.parse(text(publication(repository.article(), true).settled().page()));
			assertThat(preview.selectFirst(".notice").text()).startsWith("You are previewing changes not yet committed");
		}
	}

	@Test
	void theBuildPacksThePublishedRevisionsSoThatAJarServesTheHistoryWithNoRepository() throws Exception {
		try (ArticleRepository repository = threeVersions()) {
			repository.write("content/images/phone.svg", drawing("#a3191f")).commit("2014-05-24T09:00:00+01:00", "A drawing");
			Path packaged = this.folder.resolve("jar/content/history");
			PackagedRevisions.main(new String[] { repository.article().toString(), packaged.toString() });
			try (var files = Files.list(packaged)) {
				assertThat(files.map((file) -> file.getFileName().toString())).as("the draft left out")
					.containsExactlyInAnyOrder("1.md", "2.md", "3.md", "4.md", "blobs", "revisions.json");
			}
			Path content = packaged.getParent();
			PackagedRevisions.Read read = PackagedRevisions.read((path) -> new org.springframework.core.io.FileSystemResource(
					content.resolve(path)));
			assertThat(read.revisions()).extracting((revision) -> revision.time().toString()).containsExactly(
					"2014-05-21T09:00+01:00", "2014-05-22T14:05+01:00", "2014-05-23T08:00+01:00", "2014-05-24T09:00+01:00");
			assertThat(new String(read.revisions().get(0).markdown(), StandardCharsets.UTF_8)).contains("in 2011");
			try (var in = read.revisions().get(3).images().open("images/phone.svg")) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("#a3191f");
			}
			assertThat(read.revisions().get(3).images().identity("images/phone.svg")).startsWith("git ");
		}
	}

	@Test
	void theExportWritesTheHistoryWithTheHeadersAStaticHostNeeds() throws Exception {
		try (ArticleRepository repository = threeVersions()) {
			Path site = this.folder.resolve("site");
			BroadsheetProperties properties = new BroadsheetProperties(repository.article().toString(), TestPress.BASE_URL,
					TestPress.SITE_NAME, null, false, site.toString(), null, null, null, null);
			Publication publication = new Publication(new ArticleSource(properties), TestPress.of(properties),
					TestPress.DARKROOM, properties, new StandardEnvironment());
			new StaticExport(publication, properties).run(null);
			Edition edition = publication.current();
			assertThat(Files.readAllBytes(site.resolve("history/index.html"))).isEqualTo(edition.views().get("/history/").bytes());
			assertThat(Files.readAllBytes(site.resolve("history/2/index.html")))
				.isEqualTo(edition.views().get("/history/2/").bytes());
			assertThat(site.resolve("history/timemap")).hasContent(text(edition.views().get("/history/timemap")).strip());
			String headers = Files.readString(site.resolve("_headers"));
			assertThat(headers).contains("/history/2/\n  Memento-Datetime: Thu, 22 May 2014 13:05:00 GMT\n  Link: <"
					+ TestPress.BASE_URL + "/>; rel=\"original\"")
				.contains("/history/timemap\n  Cache-Control: public, max-age=300")
				.contains("  Content-Type: application/link-format")
				.contains("/\n  Link: <" + TestPress.BASE_URL + "/history/timemap>; rel=\"timemap\"");
		}
	}

	private static String drawing(String colour) {
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\"><rect width=\"300\" "
				+ "height=\"200\" fill=\"" + colour + "\"/></svg>";
	}

	static List<String> lines(String text) {
		return text.lines().toList();
	}

}
