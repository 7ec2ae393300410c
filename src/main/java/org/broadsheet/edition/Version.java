package org.broadsheet.edition;

import java.time.OffsetDateTime;
import java.util.List;

import org.broadsheet.article.Article;
import org.broadsheet.article.ArticleDiff;
import org.broadsheet.article.Dates;
import org.broadsheet.article.Note;

/**
 * One published version of the article, as it was.
 *
 * @param number its place in the history, from 1, the first published: its permanent address
 * @param commit the commit that made it
 * @param time when it was published: the commit's time, or for the first, the publication's
 * @param added the corrections and updates it added
 * @param changes what changed from the version before; none for the first
 */
public record Version(int number, String commit, OffsetDateTime time, Article article, List<Note> added,
		ArticleDiff changes) {

	public Version {
		added = List.copyOf(added);
	}

	/** Where it is served. */
	public String path() {
		return Edition.HISTORY + this.number + "/";
	}

	public String timeText() {
		return Dates.text(this.time, true);
	}

	/** The commit's id as people quote it. */
	public String shortCommit() {
		return this.commit.substring(0, Math.min(12, this.commit.length()));
	}

}
