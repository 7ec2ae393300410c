package org.broadsheet.photos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The photo cache as another user of the machine would attack it: a folder made first, entries
 * planted or changed, a pipe that never answers, a folder swapped for a link. What it serves is
 * what Broadsheet developed, or nothing.
 */
class PhotoCacheTests {

	private static final String PATH = "images/photo.jpg";

	private static final List<Darkroom.Order> ORDERS = List.of(new Darkroom.Order(PATH, false));

	@TempDir
	Path home;

	private Path cache;

	private DarkroomTests.Files files;

	@BeforeEach
	void photo() {
		this.cache = this.home.resolve("cache/broadsheet/photos");
		this.files = new DarkroomTests.Files(Map.of(PATH, CameraFiles.jpeg(1200, 800, 1)));
	}

	private Photo develop() throws PhotoException {
		return new Darkroom(this.cache, 100L << 20, org.broadsheet.edition.Palette.page().paper()).develop(ORDERS, this.files).get(0);
	}

	private Path entry() throws IOException {
		try (Stream<Path> entries = Files.list(this.cache)) {
			return entries.filter((each) -> each.getFileName().toString().matches("[0-9a-f]{32}")).findFirst().orElseThrow();
		}
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	@Test
	void theStandardFolderIsTheUsersOwnCacheNeverTheSharedTemporaryFolder() {
		Path standard = CacheFolder.standard();
		String xdg = System.getenv("XDG_CACHE_HOME");
		Path base = (xdg != null && !xdg.isBlank()) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
		assertThat(standard).isEqualTo(base.resolve("broadsheet/photos"));
		assertThat(standard.startsWith(Path.of(System.getProperty("java.io.tmpdir")))).isFalse();
	}

	@Test
	void aNewFolderAndItsParentsAreMadePrivate() throws Exception {
		develop();
		assertThat(mode(this.cache)).isEqualTo("rwx------");
		assertThat(mode(this.cache.getParent())).isEqualTo("rwx------");
		assertThat(entry()).isDirectory();
	}

	@Test
	void aFolderOthersCanWriteToIsNotUsedAndPhotosAreKeptInMemory() throws Exception {
		Files.createDirectories(this.cache);
		Files.setPosixFilePermissions(this.cache, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThat(CacheFolder.prepare(this.cache)).isEqualTo("group or others can write to it (mode 777)");
		Photo photo = develop();
		assertThat(photo.developed()).isTrue();
		try (Stream<Path> entries = Files.list(this.cache)) {
			assertThat(entries).as("nothing written where others can plant").isEmpty();
		}
	}

	@Test
	void aFolderAnotherUserMadeFirstIsNotUsed() throws Exception {
		Files.createDirectories(this.cache);
		try {
			Files.setAttribute(this.cache, "unix:uid", 65534);
		}
		catch (IOException ex) {
			assumeTrue(false, "changing a folder's owner needs root: " + ex);
		}
		assertThat(CacheFolder.prepare(this.cache)).startsWith("it belongs to another user (uid 65534");
		assertThat(PhotoCache.open(this.cache, 1 << 20)).isNull();
	}

	@Test
	void aFolderInsideOneAnotherUserOwnsIsNotUsed() throws Exception {
		Path theirs = Files.createDirectories(this.home.resolve("shared"));
		try {
			Files.setAttribute(theirs, "unix:uid", 65534);
		}
		catch (IOException ex) {
			assumeTrue(false, "changing a folder's owner needs root: " + ex);
		}
		Path inside = theirs.resolve("broadsheet/photos");
		assertThat(CacheFolder.prepare(inside)).as("they could rename ours away and put theirs in its place")
			.isEqualTo("the folder " + theirs + " above it belongs to another user (uid 65534)");
		Path open = Files.createDirectories(this.home.resolve("open"));
		Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThat(CacheFolder.prepare(open.resolve("photos"))).startsWith("group or others can write to the folder " + open);
		Path sticky = Files.createDirectories(this.home.resolve("sticky"));
		Files.setAttribute(sticky, "unix:mode", 01777);
		assertThat(CacheFolder.prepare(sticky.resolve("photos"))).as("as /tmp is: only owners rename").isNull();
	}

	@Test
	void anEntryNamingAFileOutsideItselfIsDiscardedNotServed() throws Exception {
		Photo developed = develop();
		Path secret = Files.writeString(this.home.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----");
		Path manifest = entry().resolve("manifest.json");
		Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"0\\.bin\"", "\"../../../../id_ed25519\""));
		Photo again = develop();
		assertThat(again.variants()).extracting(Variant::path)
			.containsExactlyElementsOf(developed.variants().stream().map(Variant::path).toList());
		for (Variant variant : again.variants()) {
			assertThat(new String(variant.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
		}
		assertThat(secret).exists();
	}

	@Test
	void anEntryServingAFileUnderAnotherNameIsDiscarded() throws Exception {
		develop();
		Path manifest = entry().resolve("manifest.json");
		Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"served\":\"images/photo-[^\"]+\"",
				"\"served\":\"css/site-0123456789abcdef0123.css\""));
		assertThat(develop().variants()).extracting(Variant::path).allMatch((path) -> path.startsWith("images/photo-"));
	}

	@Test
	void anEntryWhoseBytesChangedOrWereCutShortIsDevelopedAgain() throws Exception {
		Photo developed = develop();
		Path file = entry().resolve("0.bin");
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 0x55;
		Files.write(file, bytes);
		assertThat(develop().variants().get(0).bytes()).isEqualTo(developed.variants().get(0).bytes());

		Files.write(entry().resolve("1.bin"), new byte[10]);
		assertThat(develop().variants().get(1).bytes()).isEqualTo(developed.variants().get(1).bytes());
	}

	@Test
	void aPipeInAnEntryDoesNotHangTheStart() throws Exception {
		develop();
		Path file = entry().resolve("0.bin");
		Files.delete(file);
		Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
		assumeTrue(mkfifo.waitFor() == 0, "mkfifo is missing");
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(develop().developed()).isTrue());
	}

	@Test
	void pruningNeverFollowsALinkIntoAnEditorsFolder() throws Exception {
		Path editors = Files.createDirectories(this.home.resolve("work/content/images"));
		Path photo = Files.writeString(editors.resolve("notes.txt"), "mine");
		develop();
		Path entry = entry();
		org.springframework.util.FileSystemUtils.deleteRecursively(entry);
		Files.createSymbolicLink(entry, editors);
		Files.createDirectories(this.cache.resolve("0123456789abcdef0123456789abcdef"));
		Files.createSymbolicLink(this.cache.resolve("0123456789abcdef0123456789abcdef/inside"), editors);
		new Darkroom(this.cache, 1, org.broadsheet.edition.Palette.page().paper()).develop(List.of(new Darkroom.Order("images/other.jpg", false)),
				new DarkroomTests.Files(Map.of("images/other.jpg", CameraFiles.jpeg(800, 600, 1))));
		assertThat(photo).hasContent("mine");
		assertThat(this.cache.resolve("0123456789abcdef0123456789abcdef")).as("pruned, its link with it").doesNotExist();
	}

}
