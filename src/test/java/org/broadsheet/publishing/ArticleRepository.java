package org.broadsheet.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A git repository holding an article, as an editor's clone would, made by the tests with JGit: each
 * commit at the time the test gives, by an editor in that time's offset from UTC.
 */
final class ArticleRepository implements AutoCloseable {

	/** An article first published at 09:30 on 21 May 2014, UTC+1. */
	static final String PUBLISHED = "2014-05-21T09:30:00+01:00";

	private final Git git;

	private final Path folder;

	private ArticleRepository(Git git, Path folder) {
		this.git = git;
		this.folder = folder;
	}

	static ArticleRepository create(Path folder) {
		try {
			return new ArticleRepository(Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call(), folder);
		}
		catch (GitAPIException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path folder() {
		return this.folder;
	}

	Path article() {
		return this.folder.resolve("content/article.md");
	}

	/** An article with the given body, published as {@link #PUBLISHED} says. */
	static String article(String body, String... frontMatter) {
		return "---\ntitle: The headline\ndescription: The standfirst.\npublished: " + PUBLISHED + "\n"
				+ String.join("\n", frontMatter) + (frontMatter.length > 0 ? "\n" : "") + "---\n" + body + "\n";
	}

	ArticleRepository write(String relative, String text) {
		return write(relative, text.getBytes(StandardCharsets.UTF_8));
	}

	ArticleRepository write(String relative, byte[] bytes) {
		try {
			Path file = this.folder.resolve(relative);
			Files.createDirectories(file.getParent());
			Files.write(file, bytes);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Commits everything in the work tree, renames and deletions included, at the given time. */
	RevCommit commit(String when, String message) {
		try {
			this.git.add().addFilepattern(".").call();
			this.git.add().addFilepattern(".").setUpdate(true).call();
			OffsetDateTime time = OffsetDateTime.parse(when);
			PersonIdent editor = new PersonIdent("An Editor", "editor@example.org", time.toInstant(), time.getOffset());
			return this.git.commit().setMessage(message).setAuthor(editor).setCommitter(editor).setSign(false).call();
		}
		catch (GitAPIException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Writes the article and commits it. */
	RevCommit commitArticle(String markdown, String when) {
		return write("content/article.md", markdown).commit(when, "Article as of " + when);
	}

	@Override
	public void close() {
		this.git.close();
	}

}
