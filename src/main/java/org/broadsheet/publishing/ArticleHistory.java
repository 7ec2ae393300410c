package org.broadsheet.publishing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
	 * The history of the article about to be published, and the verdict on its change from the last
	 * published version.
	 * @param current the article about to be published, as rendered from {@code bytes}
	 * @throws ArticleException when its words changed substantively with no new note
	 */
	History of(Article current, byte[] bytes) {
		if (current.published() == null) {
			// a draft: nothing is public, so there is no history to show, nor an edit to judge
			return History.NONE;
		}
		List<Revision> revisions;
		String limitation;
		if (this.source.file().isPresent()) {
			try (GitRevisions git = GitRevisions.read(this.source.file().get())) {
				return build(current, bytes, PackagedRevisions.published(git.revisions, bytes, this.source.name()),
						git.limitation);
			}
		}
		PackagedRevisions.Read packaged = PackagedRevisions.read(this.source::resolve);
		revisions = packaged.revisions();
		limitation = packaged.limitation();
		return build(current, bytes, revisions, limitation);
	}

	private History build(Article current, byte[] bytes, List<Revision> revisions, String limitation) {
		if (limitation != null && !limitation.equals(this.said)) {
			logger.info(ControlCharacters.escaped("History of " + this.source.name() + ": " + limitation
					+ "; publishing what there is"));
			this.said = limitation;
		}
		List<Version> versions = new ArrayList<>();
		OffsetDateTime published = current.published();
		for (Revision revision : revisions) {
			Article article;
			try {
				article = this.renderer.renderEarlier(this.source.name() + " as of commit "
						+ revision.commit().substring(0, 12), revision.markdown(), revision.images());
			}
			catch (ArticleException ex) {
				logger.warn(ControlCharacters.escaped("Leaving out of the history a version that cannot be published "
						+ "as it was: " + ex.getMessage()));
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
		boolean pending = revisions.isEmpty() || !Arrays.equals(revisions.get(revisions.size() - 1).markdown(), bytes);
		judge(current, versions, pending);
		return new History(versions, pending && !versions.isEmpty());
	}

	/**
	 * The verdict on the change into what is about to be published: from the last published version to
	 * the article as saved, when it has changes not yet committed, else into the last version itself.
	 */
	private void judge(Article current, List<Version> versions, boolean pending) {
		Article before;
		Article after;
		if (pending && !versions.isEmpty()) {
			before = versions.get(versions.size() - 1).article();
			after = current;
		}
		else if (!pending && versions.size() > 1) {
			before = versions.get(versions.size() - 2).article();
			after = versions.get(versions.size() - 1).article();
		}
		else {
			return;
		}
		ArticleDiff changes = ArticleDiff.between(before, after);
		if (changes.weight() == ArticleDiff.Weight.NONE || !after.notes().stream().allMatch(before.notes()::contains)) {
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
