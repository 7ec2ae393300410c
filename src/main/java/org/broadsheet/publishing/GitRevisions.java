package org.broadsheet.publishing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.broadsheet.photos.ImageFiles;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The article's history as git keeps it, read with JGit: every commit on the first-parent line that
 * changed the article file or its {@code images/} folder, following the file through renames. The
 * article's text is read into memory; its photos are read from the repository when they are
 * developed, so it stays open until this is closed.
 */
final class GitRevisions implements AutoCloseable {

	private final Repository repository;

	/** The article's committed states, oldest first. */
	final List<Revision> revisions;

	/** The article's bytes as last committed, or null when it was never committed. */
	final byte[] committed;

	/** What could not be seen, to end a sentence in the log, or null when all was. */
	final String limitation;

	private GitRevisions(Repository repository, List<Revision> revisions, byte[] committed, String limitation) {
		this.repository = repository;
		this.revisions = revisions;
		this.committed = committed;
		this.limitation = limitation;
	}

	static GitRevisions read(Path article) {
		Path file;
		try {
			file = article.toRealPath();
		}
		catch (IOException ex) {
			return new GitRevisions(null, List.of(), null, "it cannot be read (" + ex.getMessage() + ")");
		}
		FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(file.getParent().toFile());
		if (builder.getGitDir() == null) {
			return new GitRevisions(null, List.of(), null, "no git repository holds it, so no earlier version can be shown");
		}
		Repository repository = null;
		try {
			repository = builder.setMustExist(true).build();
			return read(repository, file);
		}
		catch (IOException | RuntimeException ex) {
			if (repository != null) {
				repository.close();
			}
			return new GitRevisions(null, List.of(), null, "its git repository cannot be read (" + ex.getMessage() + ")");
		}
	}

	@Override
	public void close() {
		if (this.repository != null) {
			this.repository.close();
		}
	}

	private static GitRevisions read(Repository repository, Path file) throws IOException {
		Path workTree = repository.getWorkTree().toPath().toRealPath();
		String path = workTree.relativize(file).toString().replace('\\', '/');
		ObjectId head = repository.resolve(Constants.HEAD);
		if (head == null) {
			return new GitRevisions(repository, List.of(), null, "nothing has been committed yet");
		}
		boolean shallow = !repository.getObjectDatabase().getShallowCommits().isEmpty();
		List<Revision> revisions = new ArrayList<>();
		byte[] committed = null;
		try (RevWalk walk = new RevWalk(repository);
				DiffFormatter renames = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
			renames.setRepository(repository);
			renames.setDetectRenames(true);
			walk.setFirstParent(true);
			walk.markStart(walk.parseCommit(head));
			String current = path;
			RevCommit newer = null;
			State newerState = null;
			for (RevCommit commit : walk) {
				State state = State.of(repository, commit.getTree(), current);
				if (state.article() == null && newer != null) {
					// gone in the older commit: renamed there, or not yet written
					String from = renamedFrom(renames, commit, newer, current);
					if (from == null) {
						break;
					}
					current = from;
					state = State.of(repository, commit.getTree(), current);
				}
				if (newer != null && !state.equals(newerState)) {
					revisions.add(revision(repository, newer, newerState));
				}
				if (state.article() == null) {
					newer = null;
					break;
				}
				if (committed == null) {
					committed = repository.open(state.article()).getBytes();
				}
				newer = commit;
				newerState = state;
			}
			if (newer != null) {
				revisions.add(revision(repository, newer, newerState));
			}
		}
		Collections.reverse(revisions);
		String limitation = shallow ? "the clone is shallow, so commits before "
				+ (revisions.isEmpty() ? "the latest" : revisions.get(0).time().toLocalDate().toString())
				+ " cannot be seen; clone it whole (git fetch --unshallow) to publish its earlier versions" : null;
		return new GitRevisions(repository, revisions, committed, limitation);
	}

	/** The path the article had in the older commit, when the newer one renamed it. */
	private static String renamedFrom(DiffFormatter renames, RevCommit older, RevCommit newer, String path)
			throws IOException {
		for (DiffEntry entry : renames.scan(older.getTree(), newer.getTree())) {
			if (entry.getChangeType() == DiffEntry.ChangeType.RENAME && entry.getNewPath().equals(path)) {
				return entry.getOldPath();
			}
		}
		return null;
	}

	private static Revision revision(Repository repository, RevCommit commit, State state) throws IOException {
		OffsetDateTime time = OffsetDateTime.ofInstant(commit.getCommitterIdent().getWhenAsInstant(),
				commit.getCommitterIdent().getZoneId());
		byte[] markdown = repository.open(state.article()).getBytes();
		return new Revision(commit.getName(), time, state.path(), markdown, images(repository, commit.getTree(), state.path()));
	}

	/** The photos beside the article at a commit, named by their blob ids, read when they are developed. */
	private static ImageFiles images(Repository repository, RevTree tree, String article) throws IOException {
		String folder = folderOf(article);
		Map<String, ObjectId> blobs = new HashMap<>();
		try (TreeWalk walk = new TreeWalk(repository)) {
			walk.addTree(tree);
			walk.setRecursive(true);
			walk.setFilter(PathFilter.create(folder + "images"));
			while (walk.next()) {
				if (walk.getFileMode(0) == FileMode.REGULAR_FILE || walk.getFileMode(0) == FileMode.EXECUTABLE_FILE) {
					blobs.put(walk.getPathString().substring(folder.length()), walk.getObjectId(0));
				}
			}
		}
		return new Images(repository, blobs);
	}

	/** The photos beside the article at one commit: blobs, read from the repository as they are opened. */
	record Images(Repository repository, Map<String, ObjectId> blobs) implements ImageFiles {

		@Override
		public InputStream open(String relativePath) throws IOException {
			ObjectId blob = this.blobs.get(relativePath);
			return (blob != null) ? this.repository.open(blob).openStream() : null;
		}

		@Override
		public String identity(String relativePath) {
			ObjectId blob = this.blobs.get(relativePath);
			return (blob != null) ? "git " + blob.getName() : null;
		}

		java.util.Set<String> paths() {
			return this.blobs.keySet();
		}

	}

	static String folderOf(String path) {
		int slash = path.lastIndexOf('/');
		return (slash < 0) ? "" : path.substring(0, slash + 1);
	}

	/** What of the article a commit holds: the file's blob, and the tree of its images folder. */
	private record State(String path, ObjectId article, ObjectId images) {

		static State of(Repository repository, RevTree tree, String path) throws IOException {
			return new State(path, blob(repository, tree, path), blob(repository, tree, folderOf(path) + "images"));
		}

		private static ObjectId blob(Repository repository, RevTree tree, String path) throws IOException {
			try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
				return (walk != null) ? walk.getObjectId(0) : null;
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof State state && Objects.equals(this.article, state.article)
					&& Objects.equals(this.images, state.images);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.article, this.images);
		}

	}

}
