package org.broadsheet.publishing;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.TestPress;
import org.springframework.core.env.StandardEnvironment;

/**
 * What the article's history costs, for {@code src/test/bench/history.sh}: not a test. Makes, once,
 * a repository where the real article is published and then changed 99 times (a paragraph and an
 * update note each time: 100 versions), and a plain copy of its last state with no repository;
 * then, in this JVM, publishes one of the two and prints one line: the milliseconds to the first
 * edition (what the start waits for), to the settled edition (the history pages too), the heap the
 * edition keeps after a full collection, in KB, the number of history pages, and the gzip bytes of
 * its heaviest HTML page with the stylesheet (the page-weight budget is 14 KiB).
 *
 * <pre>java -cp ... org.broadsheet.publishing.HistoryCost history|plain WORK_FOLDER PROJECT_FOLDER</pre>
 */
public final class HistoryCost {

	private static final String[] DRAWINGS = { "feature.svg", "soldiers-march.svg", "kim-supporters.svg" };

	private HistoryCost() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[1]);
		Path project = Path.of(args[2]);
		if (!Files.exists(work.resolve("plain/article.md"))) {
			make(work, project);
		}
		Path article = args[0].equals("history") ? work.resolve("repo/content/article.md") : work.resolve("plain/article.md");
		System.gc();
		long before = usedHeap();
		long start = System.nanoTime();
		BroadsheetProperties properties = TestPress.properties(article.toString(), false);
		Publication publication = new Publication(new ArticleSource(properties), TestPress.of(properties), TestPress.DARKROOM,
				properties, new StandardEnvironment());
		publication.current();
		long first = System.nanoTime() - start;
		Edition settled = publication.settled();
		long all = System.nanoTime() - start;
		System.gc();
		long kept = usedHeap() - before;
		long pages = settled.views().keySet().stream().filter((path) -> path.startsWith("/history/")).count();
		int heaviest = settled.views().values().stream().filter((page) -> page.contentType().startsWith("text/html"))
			.mapToInt((page) -> page.gzipped().length).max().orElse(0);
		heaviest = Math.max(heaviest, settled.page().gzipped().length);
		int css = settled.views().entrySet().stream().filter((view) -> view.getKey().startsWith("/css/"))
			.mapToInt((view) -> view.getValue().gzipped().length).sum();
		System.out.printf("%d %d %d %d %d%n", first / 1_000_000, all / 1_000_000, kept / 1024, pages, heaviest + css);
		System.exit(0);
	}

	private static void make(Path work, Path project) throws Exception {
		String base = Files.readString(project.resolve("content/article.md"))
			.replace("\nlang: en\n", "\nlang: en\npublished: " + ArticleRepository.PUBLISHED + "\n");
		try (ArticleRepository repo = ArticleRepository.create(work.resolve("repo"))) {
			for (String drawing : DRAWINGS) {
				repo.write("content/images/" + drawing, Files.readAllBytes(project.resolve("content/images/" + drawing)));
			}
			repo.write("content/article.md", base).commit(ArticleRepository.PUBLISHED, "First edition");
			StringBuilder notes = new StringBuilder();
			StringBuilder paragraphs = new StringBuilder();
			OffsetDateTime time = OffsetDateTime.parse(ArticleRepository.PUBLISHED);
			for (int version = 2; version <= 100; version++) {
				time = time.plusHours(1);
				notes.append("  - date: ").append(time).append("\n    text: Adds paragraph ").append(version).append(".\n");
				paragraphs.append("\n\nParagraph ").append(version).append(" added.\n");
				repo.write("content/article.md", base.replace("\nlang: en\n", "\nlang: en\nupdates:\n" + notes + "") + paragraphs)
					.commit(time.toString(), "Version " + version);
			}
		}
		Path plain = Files.createDirectories(work.resolve("plain/images"));
		for (String drawing : DRAWINGS) {
			Files.copy(work.resolve("repo/content/images/" + drawing), plain.resolve(drawing));
		}
		Files.copy(work.resolve("repo/content/article.md"), work.resolve("plain/article.md"));
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
