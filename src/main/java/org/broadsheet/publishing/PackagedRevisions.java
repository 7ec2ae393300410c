package org.broadsheet.publishing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.broadsheet.article.ArticleRenderer;
import org.broadsheet.photos.ImageFiles;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;

/**
 * The article's published revisions as {@code mvn package} puts them into the jar, beside the article
 * ({@code content/history/}), so that {@code java -jar} and the static export show its history with no
 * repository beside them: each revision's text, and its photos once each, by blob id. Drafts, the
 * revisions before the one in effect at publication, are left out.
 */
public final class PackagedRevisions {

	static final String FOLDER = "history/";

	static final String INDEX = FOLDER + "revisions.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What is written: the revisions, and what the build could not see. */
	record Index(String limitation, List<Entry> revisions) {
	}

	/**
	 * @param time when it was committed, as ISO 8601 text, which keeps the committer's offset from UTC
	 * @param images each photo's path beside the article, and where its bytes are in the folder
	 */
	record Entry(String commit, String time, String path, String markdown, Map<String, String> images) {
	}

	private PackagedRevisions() {
	}

	/**
	 * Writes the history of the article file into a folder (the jar's {@code content/history/}), as
	 * the build's {@code prepare-package} step does: {@code PackagedRevisions <article> <folder>}.
	 */
	public static void main(String[] args) throws IOException {
		Path article = Path.of(args[0]);
		Path folder = Path.of(args[1]);
		try (GitRevisions git = GitRevisions.read(article)) {
			List<Revision> published = published(git.revisions, Files.readAllBytes(article), article.toString());
			Index index = write(folder, published, git.limitation);
			System.out.println("[broadsheet] " + index.revisions().size() + " published revision(s) of " + article
					+ " packaged" + ((git.limitation != null) ? "; " + git.limitation : ""));
		}
	}

	/** The revisions since the one in effect when the article was first published; none while it is a draft. */
	static List<Revision> published(List<Revision> revisions, byte[] current, String name) {
		OffsetDateTime published = ArticleRenderer.published(name, current);
		if (published == null) {
			return List.of();
		}
		int first = 0;
		for (int i = 0; i < revisions.size(); i++) {
			if (!revisions.get(i).time().isAfter(published)) {
				first = i;
			}
		}
		return revisions.subList(first, revisions.size());
	}

	private static Index write(Path folder, List<Revision> revisions, String limitation) throws IOException {
		Files.createDirectories(folder.resolve("blobs"));
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < revisions.size(); i++) {
			Revision revision = revisions.get(i);
			String markdown = (i + 1) + ".md";
			Files.write(folder.resolve(markdown), revision.markdown());
			entries.add(new Entry(revision.commit(), revision.time().toString(), revision.path(), FOLDER + markdown,
					images(folder, revision.images())));
		}
		Index index = new Index(limitation, entries);
		Files.write(folder.resolve("revisions.json"), JSON.writeValueAsBytes(index));
		return index;
	}

	private static Map<String, String> images(Path folder, ImageFiles images) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		if (images instanceof GitRevisions.Images git) {
			for (String path : git.paths()) {
				String blob = git.identity(path).substring("git ".length());
				Path file = folder.resolve("blobs").resolve(blob);
				if (!Files.exists(file)) {
					try (InputStream in = git.open(path)) {
						Files.copy(in, file);
					}
				}
				files.put(path, FOLDER + "blobs/" + blob);
			}
		}
		return files;
	}

	/**
	 * The revisions packaged beside the article, or none when there are none (a build outside git).
	 * @param source what a path beside the article names, as {@link ArticleSource#resolve} resolves it
	 */
	static Read read(Function<String, Resource> source) {
		Resource index = source.apply(INDEX);
		if (!index.exists()) {
			return new Read(List.of(), "the jar holds no history (it was not built from a git clone)");
		}
		try (InputStream in = index.getInputStream()) {
			Index packaged = JSON.readValue(in, Index.class);
			List<Revision> revisions = new ArrayList<>();
			for (Entry entry : packaged.revisions()) {
				byte[] markdown = source.apply(entry.markdown()).getContentAsByteArray();
				revisions.add(new Revision(entry.commit(), OffsetDateTime.parse(entry.time()), entry.path(), markdown,
						new ImageFiles() {
					@Override
					public InputStream open(String relativePath) throws IOException {
						String file = entry.images().get(relativePath);
						return (file != null) ? source.apply(file).getInputStream() : null;
					}

					@Override
					public String identity(String relativePath) {
						String file = entry.images().get(relativePath);
						return (file != null) ? "git " + file.substring(file.lastIndexOf('/') + 1) : null;
					}
				}));
			}
			return new Read(revisions, packaged.limitation());
		}
		catch (IOException | RuntimeException ex) {
			return new Read(List.of(), "the jar's history cannot be read (" + ex.getMessage() + ")");
		}
	}

	/** Revisions as read, with what could not be seen. */
	record Read(List<Revision> revisions, String limitation) {
	}

}
