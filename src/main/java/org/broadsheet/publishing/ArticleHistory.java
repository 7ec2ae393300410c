package org.broadsheet.publishing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadsheet.article.Article;
import org.broadsheet.article.ArticleDiff;
import org.broadsheet.article.ArticleException;
import org.broadsheet.article.ArticleRenderer;
import org.broadsheet.article.ControlCharacters;
import org.broadsheet.article.Note;
import org.broadsheet.edition.History;
import org.broadsheet.edition.Version;

/**
 * The article's published versions, from its git history: read live from the repository around an
 * article file (the live preview, {@code --broadsheet.article}), or from what {@code mvn package}
 * put into the jar. A version is a revision since publication that changes what readers see; each is
 * rendered as it was, with its photos, and compared with the one before.
 * <p>
 * It also keeps edits from being silent: a substantive change to the published words with no new
 * correction or update is refused, and a small one let through with a warning.
 */
final class ArticleHistory {

	private static final Log logger = LogFactory.getLog(ArticleHistory.class);

	private final ArticleSource source;

	private final ArticleRenderer renderer;

	/** What could not be seen is said once, at start, not again at each save. */
	private String said;

	ArticleHistory(ArticleSource source, ArticleRenderer renderer) {
		this.source = source;
		this.renderer = renderer;
	}

	/**
	 * The article's revisions, read, and what they say of the article about to be published: judged at
	 * once, from at most two of them; every version is rendered later ({@link #build}), off the path
	 * of the start.
	 * @param pending whether the article as saved differs from its last commit
	 */
	record Reading(List<Revision> revisions, boolean pending, AutoCloseable repository) implements AutoCloseable {

		static final Reading NONE = new Reading(List.of(), false, null);

		@Override
		public void close() {
			try {
				if (this.repository != null) {
					this.repository.close();
				}
			}
			catch (Exception ex) {
				// read only; nothing to keep
			}
		}

	}

	/**
	 * Starts reading the article's git history on a thread of its own, beside the render of the
	 * article, when the article is a file whose front matter may say it is published: reading git
	 * for the first time in a JVM (JGit's classes, the pack index) costs about half a second here,
	 * which the render hides.
	 * @return the revisions as read, or null when there is nothing to read ahead
	 */
	CompletableFuture<GitRevisions> readAhead(byte[] bytes) {
		if (this.source.file().isEmpty() || !new String(bytes, StandardCharsets.UTF_8).contains("published")) {
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<GitRevisions> reading = new CompletableFuture<>();
		Thread reader = new Thread(() -> reading.complete(GitRevisions.read(this.source.file().get())),
				"broadsheet-history-reader");
		reader.setDaemon(true);
		reader.start();
		return reading;
	}

	/** Closes what {@link #readAhead} read, once read, when it is not wanted after all. */
	static void discard(CompletableFuture<GitRevisions> ahead) {
		ahead.thenAccept((git) -> {
			if (git != null) {
				git.close();
			}
		});
	}

	/**
	 * Reads the revisions since publication and judges the change into what is about to be published.
	 * @param current the article about to be published, as rendered from {@code bytes}
	 * @param ahead what {@link #readAhead} began for these bytes
	 * @throws ArticleException when its words changed substantively with no new note
	 */
	Reading read(Article current, byte[] bytes, CompletableFuture<GitRevisions> ahead) {
		if (current.published() == null) {
			// a draft: nothing is public, so there is no history to show, nor an edit to judge
			discard(ahead);
			return Reading.NONE;
		}
		Reading reading;
		String limitation;
		if (this.source.file().isPresent()) {
			GitRevisions git = ahead.join();
			if (git == null) {
				git = GitRevisions.read(this.source.file().get());
			}
			reading = reading(PackagedRevisions.published(git.revisions, bytes, this.source.name()), bytes, git);
			limitation = git.limitation;
		}
		else {
			PackagedRevisions.Read packaged = PackagedRevisions.read(this.source::resolve);
			reading = reading(packaged.revisions(), bytes, null);
			limitation = packaged.limitation();
		}
		if (limitation != null && !limitation.equals(this.said)) {
			logger.info(ControlCharacters.escaped("History of " + this.source.name() + ": " + limitation
					+ "; publishing what there is"));
			this.said = limitation;
		}
		try {
			judge(current, reading);
		}
		catch (RuntimeException ex) {
			reading.close();
			throw ex;
		}
		return reading;
	}

	private static Reading reading(List<Revision> revisions, byte[] bytes, AutoCloseable repository) {
		boolean pending = revisions.isEmpty() || !Arrays.equals(revisions.get(revisions.size() - 1).markdown(), bytes);
		return new Reading(revisions, pending, repository);
	}

	/** Every published version, rendered as it was and compared with the one before; closes the reading. */
	History build(Reading reading, Article current) {
		try (reading) {
			if (reading.revisions().isEmpty()) {
				return History.NONE;
			}
			List<Version> versions = new ArrayList<>();
			OffsetDateTime published = current.published();
			for (Revision revision : reading.revisions()) {
				Article article = render(revision);
				if (article == null) {
					continue;
				}
				Version before = versions.isEmpty() ? null : versions.get(versions.size() - 1);
				ArticleDiff changes = (before != null) ? ArticleDiff.between(before.article(), article) : null;
				List<Note> added = added(before, article);
				if (before != null && !changes.changed() && added.isEmpty()) {
					// a change readers cannot see: white space, a comment, typography
					continue;
				}
				OffsetDateTime time = (before == null && revision.time().isBefore(published)) ? published : revision.time();
				versions.add(new Version(versions.size() + 1, revision.commit(), time, article, added, changes));
			}
			return new History(versions, reading.pending() && !versions.isEmpty());
		}
	}

	/** A revision rendered as it was; null, with a warning, when it cannot be published as it was. */
	private Article render(Revision revision) {
		try {
			return this.renderer.renderEarlier(this.source.name() + " as of commit " + revision.commit().substring(0, 12),
					revision.markdown(), revision.images());
		}
		catch (ArticleException ex) {
			logger.warn(ControlCharacters.escaped("Leaving out of the history a version that cannot be published as it "
					+ "was: " + ex.getMessage()));
			return null;
		}
	}

	/**
	 * The verdict on the change into what is about to be published: from the last published version to
	 * the article as saved, when it has changes not yet committed, else into the last version itself
	 * from the one before it that readers can tell apart.
	 */
	private void judge(Article current, Reading reading) {
		List<Revision> revisions = reading.revisions();
		Article before = null;
		if (reading.pending() && !revisions.isEmpty()) {
			before = render(revisions.get(revisions.size() - 1));
		}
		else if (!reading.pending()) {
			for (int i = revisions.size() - 2; i >= 0 && before == null; i--) {
				Article earlier = render(revisions.get(i));
				if (earlier != null && (!earlier.notes().equals(current.notes())
						|| ArticleDiff.between(earlier, current).changed())) {
					before = earlier;
				}
			}
		}
		// a new note says what changed, whatever it is: no need to weigh the change
		if (before == null || !current.notes().stream().allMatch(before.notes()::contains)) {
			return;
		}
		ArticleDiff changes = ArticleDiff.between(before, current);
		if (changes.weight() == ArticleDiff.Weight.NONE) {
			return;
		}
		List<Integer> lines = changes.changedLines();
		String where = (lines.size() == 1) ? "line " + lines.get(0) : "lines " + lines.toString().replaceAll("[\\[\\]]", "");
		if (changes.weight() == ArticleDiff.Weight.SUBSTANTIVE) {
			throw new ArticleException(this.source.name(), lines.isEmpty() ? 0 : lines.get(0), "the published article's "
					+ "words change at " + where + " (" + changes.reason() + ") with no new correction or update, and "
					+ "no published change may be silent. Say what changed: add a note to the front matter, under "
					+ "\"corrections:\" (what was wrong, and what is right) or \"updates:\", with \"- date: "
					+ OffsetDateTime.now().withNano(0) + "\" and \"text: ...\"; or undo the change");
		}
		logger.warn(ControlCharacters.escaped(this.source.name() + ": a small change to the published article, let "
				+ "through with no note (" + changes.summary() + "); a change of a number, a name, a quotation or more "
				+ "than " + ArticleDiff.FEW_WORDS + " words would need one"));
	}

	/** The notes a version added to the one before. */
	private static List<Note> added(Version before, Article article) {
		List<Note> earlier = (before != null) ? before.article().notes() : List.of();
		return article.notes().stream().filter((note) -> !earlier.contains(note)).toList();
	}

}
