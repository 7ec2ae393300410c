package org.broadsheet.photos;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import com.sun.security.auth.module.UnixSystem;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.FileSystemUtils;

/**
 * The folder developed photos are kept in, which must be this user's alone: a folder that another
 * user of the machine made first, or can write to, could hold entries of theirs, served as the
 * article's photos. By default a private folder in the user's own cache ({@code $XDG_CACHE_HOME},
 * else {@code ~/.cache}), never the shared temporary folder.
 */
final class CacheFolder {

	private static final Log logger = LogFactory.getLog(CacheFolder.class);

	/** A shared folder such as /tmp, where only a file's owner may rename or remove it. */
	private static final int STICKY = 01000;

	private CacheFolder() {
	}

	/** {@code $XDG_CACHE_HOME/broadsheet/photos}, or {@code ~/.cache/broadsheet/photos} without it. */
	static Path standard() {
		String xdg = System.getenv("XDG_CACHE_HOME");
		Path base = (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) ? Path.of(xdg)
				: Path.of(System.getProperty("user.home"), ".cache");
		return base.resolve("broadsheet").resolve("photos");
	}

	/**
	 * Creates the folder, and any of its parents that are missing, readable by this user alone (mode
	 * 700), then checks it as found.
	 * @return null when the folder is safe to use, else why not, to end a sentence
	 */
	static String prepare(Path folder) {
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
		try {
			List<Path> missing = new ArrayList<>();
			for (Path each = folder.toAbsolutePath(); each != null && !Files.exists(each, LinkOption.NOFOLLOW_LINKS);
					each = each.getParent()) {
				missing.add(0, each);
			}
			for (Path each : missing) {
				if (posix) {
					Files.createDirectory(each, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				}
				else {
					Files.createDirectory(each);
				}
			}
			if (!Files.isDirectory(folder)) {
				return "it is not a folder";
			}
			if (!posix) {
				return null;
			}
			int uid = uid();
			if (Files.isSymbolicLink(folder) && owner(folder, LinkOption.NOFOLLOW_LINKS) != uid) {
				return "it is a link that belongs to another user";
			}
			Path real = folder.toRealPath();
			int owner = owner(real);
			if (owner != uid) {
				return "it belongs to another user (uid " + owner + ", where Broadsheet runs as uid " + uid + ")";
			}
			int mode = (Integer) Files.getAttribute(real, "unix:mode");
			if ((mode & 0022) != 0) {
				return "group or others can write to it (mode " + Integer.toOctalString(mode & 0777) + ")";
			}
			// whoever can rename a folder above it can put another in its place
			for (Path above = real.getParent(); above != null; above = above.getParent()) {
				int aboveOwner = owner(above);
				int aboveMode = (Integer) Files.getAttribute(above, "unix:mode");
				if (aboveOwner != uid && aboveOwner != 0) {
					return "the folder " + above + " above it belongs to another user (uid " + aboveOwner + ")";
				}
				if ((aboveMode & 0022) != 0 && (aboveMode & STICKY) == 0) {
					return "group or others can write to the folder " + above + " above it (mode "
							+ Integer.toOctalString(aboveMode & 0777) + ")";
				}
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return "it cannot be made or checked (" + ex + ")";
		}
	}

	private static int owner(Path path, LinkOption... options) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:uid", options);
	}

	/** This process's user, from the JDK's own module for Unix identities. */
	private static int uid() {
		return (int) new UnixSystem().getUid();
	}


	/**
	 * Removes an entry without ever following a link: each folder is opened relative to its parent's
	 * open handle, refusing a link, so that swapping a folder for a link meanwhile removes only the link.
	 */
	static void remove(Path entry) {
		try (DirectoryStream<Path> parent = Files.newDirectoryStream(entry.getParent())) {
			if (parent instanceof SecureDirectoryStream<Path> secure) {
				remove(secure, entry.getFileName());
				return;
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot remove " + entry + " from the photo cache (" + ex + ")");
			return;
		}
		try {
			FileSystemUtils.deleteRecursively(entry);
		}
		catch (IOException ex) {
			logger.warn("Cannot remove " + entry + " from the photo cache (" + ex + ")");
		}
	}

	private static void remove(SecureDirectoryStream<Path> folder, Path name) throws IOException {
		BasicFileAttributes attributes = folder.getFileAttributeView(name, BasicFileAttributeView.class,
				LinkOption.NOFOLLOW_LINKS).readAttributes();
		if (attributes.isDirectory()) {
			try (SecureDirectoryStream<Path> inside = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
				for (Path child : inside) {
					remove(inside, child.getFileName());
				}
			}
			folder.deleteDirectory(name);
		}
		else {
			folder.deleteFile(name);
		}
	}
}
