package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.edition.TestPress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An editor's loop: save the Markdown, reload the page. Each test watches its own copy of the real
 * article, as {@code mvn spring-boot:run} watches content/.
 */
@ExtendWith(OutputCaptureExtension.class)
class LivePreviewTests {

	static final Duration PATIENCE = Duration.ofSeconds(10);

	@TempDir
	Path folder;

	Path article;

	Publication publication;

	ArticleWatcher watcher;

	@BeforeEach
	void watchACopyOfTheArticle() throws IOException {
		this.article = TestPress.copyOfContent(this.folder);
		watch();
		assertThat(this.watcher.isRunning()).isTrue();
	}

	/** Publishes the article in preview, and watches it as {@code mvn spring-boot:run} does. */
	void watch() {
		BroadsheetProperties properties = TestPress.properties(this.article.toString(), true);
		ArticleSource source = new ArticleSource(properties);
		this.publication = new Publication(source, TestPress.of(properties), TestPress.DARKROOM, properties,
				new org.springframework.core.env.StandardEnvironment());
		this.publication.settled();
		this.watcher = new ArticleWatcher(this.publication, source);
		this.watcher.start();
	}

	@AfterEach
	void stopWatching() {
		this.watcher.stop();
	}

	String page() {
		return new String(this.publication.current().page().bytes(), StandardCharsets.UTF_8);
	}

	/** Polls the page until it satisfies the condition, and returns how long that took. */
	Duration until(Predicate<String> condition) throws InterruptedException {
		long start = System.nanoTime();
		while (System.nanoTime() - start < PATIENCE.toNanos()) {
			if (condition.test(page())) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the page did not change within " + PATIENCE);
	}

	void edit(String from, String to) throws IOException {
		String text = Files.readString(this.article);
		assertThat(text).contains(from);
		Files.writeString(this.article, text.replace(from, to));
	}

	@Test
	void previewPagesAreNotCachedByTheBrowser() {
		assertThat(this.publication.current().page().cacheControl()).isEqualTo("no-cache");
	}

	@Test
	void anEditShowsOnTheNextLoad() throws Exception {
		edit("title: \"North Korea: Increased Cell Phone Usage Signals Change\"", "title: \"An edited headline\"");
		Duration took = until((page) -> page.contains("An edited headline"));
		assertThat(took).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void aBrokenEditKeepsTheLastGoodPageAndLogsTheFileAndLine(CapturedOutput output) throws Exception {
		String good = page();
		edit("lang: en", "lang: [en");
		long start = System.nanoTime();
		while (!output.getOut().contains("still serving the last good version")
				&& System.nanoTime() - start < PATIENCE.toNanos()) {
			Thread.sleep(20);
		}
		assertThat(output.getOut()).contains(this.article + ", line 4:").contains("still serving the last good version");
		assertThat(page()).isEqualTo(good);
		edit("lang: [en", "lang: en\nauthor: Mended");
		until((page) -> page.contains("Mended"));
	}

	@Test
	void eachSaveIsToldToTheBrowsersFollowingThePreviewAndABrokenOneWithTheLogsSentence() throws Exception {
		java.util.List<Publication.Live> told = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.function.Consumer<Publication.Live> follower = told::add;
		this.publication.follow(follower);
		try {
			toldOfEachSave(told);
		}
		finally {
			this.publication.unfollow(follower);
		}
	}

	private void toldOfEachSave(java.util.List<Publication.Live> told) throws Exception {
		Publication.Live first = this.publication.live();
		assertThat(first.broken()).isNull();
		assertThat(page()).contains("<meta name=\"broadsheet-live\" content=\"" + first.version() + "\">");

		edit("lang: en", "lang: [en");
		until((page) -> !told.isEmpty());
		assertThat(told).singleElement().satisfies((live) -> {
			assertThat(live.version()).as("the last good edition, still served").isEqualTo(first.version());
			assertThat(live.broken()).startsWith(this.article + ", line 4: the front matter is not valid YAML");
		});

		edit("lang: [en", "lang: en");
		until((page) -> told.size() == 2);
		assertThat(told.get(1).broken()).isNull();
		assertThat(told.get(1).version()).isNotEqualTo(first.version());
		assertThat(page()).contains("<meta name=\"broadsheet-live\" content=\"" + told.get(1).version() + "\">");
	}

	@Test
	void aSaveByRenamingANewFileOverTheOldIsPickedUp() throws Exception {
		Path temporary = this.folder.resolve(".article.md.swp");
		Files.writeString(temporary, Files.readString(this.article).replace("Signals Change", "Renamed into place"));
		Files.move(temporary, this.article, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		until((page) -> page.contains("Renamed into place"));
	}

	@Test
	void aChangedPhotoGetsANewUrl() throws Exception {
		String before = page().replaceAll("(?s).*(/images/soldiers-march-[0-9a-f]+\\.svg).*", "$1");
		retouched(this.folder.resolve("images/soldiers-march.svg"));
		assertThat(page()).doesNotContain(before).contains("/images/soldiers-march-");
	}

	@Test
	void aPhotoInAFolderWithinImagesIsWatchedToo() throws Exception {
		Path nested = Files.createDirectories(this.folder.resolve("images/2014/may"));
		Files.copy(this.folder.resolve("images/soldiers-march.svg"), nested.resolve("parade.svg"));
		edit("images/soldiers-march.svg", "images/2014/may/parade.svg");
		until((page) -> page.contains("/images/2014/may/parade-"));
		retouched(nested.resolve("parade.svg"));
		// and a folder that was there before watching began
		this.watcher.stop();
		this.watcher = new ArticleWatcher(this.publication, new ArticleSource(TestPress.properties(this.article.toString(), true)));
		this.watcher.start();
		retouched(nested.resolve("parade.svg"));
	}

	/** Changes a drawing's bytes, and waits for the page to name it under a new URL. */
	void retouched(Path photo) throws Exception {
		String before = page();
		Files.writeString(photo, Files.readString(photo).replace("</svg>", "<rect width=\"1\" height=\"1\"/></svg>"));
		until((page) -> !page.equals(before));
	}

	@Test
	void theWatcherOutlivesAnyFailureAndPublishesTheNextSave(CapturedOutput output) throws Exception {
		this.watcher.stop();
		BroadsheetProperties properties = TestPress.properties(this.article.toString(), true);
		ArticleSource source = new ArticleSource(properties);
		AtomicInteger attempts = new AtomicInteger();
		this.publication = new Publication(source, TestPress.of(properties), TestPress.DARKROOM, properties, new org.springframework.core.env.StandardEnvironment()) {
			@Override
			boolean republish() {
				if (attempts.incrementAndGet() == 1) {
					throw new IllegalStateException("a failure no one foresaw");
				}
				return super.republish();
			}
		};
		this.publication.settled();
		this.watcher = new ArticleWatcher(this.publication, source);
		this.watcher.start();
		edit("Signals Change", "First Save");
		long start = System.nanoTime();
		while (attempts.get() == 0 && System.nanoTime() - start < PATIENCE.toNanos()) {
			Thread.sleep(20);
		}
		Thread.sleep(200);
		assertThat(output.getOut()).contains("a failure no one foresaw").contains("still serving the last good version");
		assertThat(page()).contains("Signals Change");
		edit("First Save", "Second Save");
		until((page) -> page.contains("Second Save"));
	}

	@Test
	void anArticleAtTheRootOfTheFilesystemAsAContainerMountsItIsWatched() {
		Path article = Path.of("/article.md");
		assertThat(ArticleWatcher.relevant(article, article)).isTrue();
		assertThat(ArticleWatcher.relevant(article, Path.of("/images/parade.jpg"))).isTrue();
		assertThat(ArticleWatcher.relevant(article, Path.of("/images/2014/parade.jpg"))).isTrue();
		assertThat(ArticleWatcher.relevant(article, Path.of("/etc/hostname"))).isFalse();
		ArticleSource source = new ArticleSource(TestPress.properties(article.toString(), true));
		assertThat(source.preview()).isTrue();
		assertThat(source.resolve("images/").getFilename()).isEqualTo("images");
	}

	@Test
	void aFolderThatCannotBeReadIsNamedAndTheRestWatchedBeforeAndAfterTheStart(CapturedOutput output) throws Exception {
		try {
			unreadableFolder("before");
			this.watcher.stop();
			this.watcher = new ArticleWatcher(this.publication, new ArticleSource(TestPress.properties(this.article.toString(), true)));
			this.watcher.start();
			assertThat(this.watcher.isRunning()).as("the start does not fail").isTrue();
			assertThat(output.getOut()).contains("Cannot watch " + this.folder.resolve("images/before"));
			edit("Signals Change", "Seen Despite It");
			until((page) -> page.contains("Seen Despite It"));

			unreadableFolder("after");
			Thread.sleep(300);
			edit("Seen Despite It", "Still Watching");
			until((page) -> page.contains("Still Watching"));
		}
		finally {
			new ProcessBuilder("rm", "-rf", "before", "after").directory(this.folder.resolve("images").toFile())
				.start()
				.waitFor();
		}
	}

	/**
	 * A folder in images/ whose depths no path can name (past the 4,096 bytes Linux takes): reading
	 * it fails as a folder without permission does, even for root, who may read any folder.
	 */
	private void unreadableFolder(String name) throws Exception {
		String segment = "d".repeat(60);
		String script = "mkdir " + name + " && cd " + name + " && for i in $(seq 1 80); do mkdir " + segment + " && cd "
				+ segment + "; done";
		Process mkdir = new ProcessBuilder("bash", "-c", script).directory(this.folder.resolve("images").toFile())
			.redirectErrorStream(true)
			.start();
		assertThat(mkdir.waitFor()).as(new String(mkdir.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isZero();
	}

	@Test
	void anArticleThatIsALinkIsWatchedWhereItPoints() throws Exception {
		this.watcher.stop();
		Path drafts = Files.createDirectories(this.folder.resolve("drafts"));
		Path real = Files.move(this.article, drafts.resolve("north-korea.md"));
		Files.createSymbolicLink(this.article, Path.of("drafts/north-korea.md"));
		watch();
		Files.writeString(real, Files.readString(real).replace("Signals Change", "Edited Where It Lives"));
		until((page) -> page.contains("Edited Where It Lives"));
	}

	@Test
	void anImagesFolderThatIsALinkIsWatchedWhereItPoints() throws Exception {
		this.watcher.stop();
		Path shared = Files.move(this.folder.resolve("images"), this.folder.resolve("shared-images"));
		Files.createSymbolicLink(this.folder.resolve("images"), Path.of("shared-images"));
		this.watcher = new ArticleWatcher(this.publication, new ArticleSource(TestPress.properties(this.article.toString(), true)));
		this.watcher.start();
		retouched(shared.resolve("soldiers-march.svg"));
	}

	@Test
	void eachNotePublishedIsSaidInTheLog(CapturedOutput output) throws Exception {
		edit("lang: en", "lang: en\npublished: 2014-05-21T09:30:00+01:00\ncorrections:\n  - date: 2014-05-22T14:05:00+01:00\n"
				+ "    text: An earlier version gave the wrong year.");
		until((page) -> page.contains("Corrections and updates"));
		assertThat(output.getOut()).contains(this.article + ": publishing the correction of 22 May 2014, 14:05 UTC+1: "
				+ "An earlier version gave the wrong year.");
	}

}
