package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An export that loses nothing: written whole beside its folder and moved in, never through a link,
 * keeping what it did not write and none of its own stale files.
 */
class ExportFolderTests {

	@TempDir
	Path parent;

	Path site() {
		return this.parent.resolve("site");
	}

	static Map<String, byte[]> files(String... pathsAndTexts) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (int i = 0; i < pathsAndTexts.length; i += 2) {
			files.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
		}
		return files;
	}

	List<String> inParent() throws IOException {
		try (Stream<Path> entries = Files.list(this.parent)) {
			return entries.map((path) -> path.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void anEmptyExportFolderIsRefusedBeforeAnythingStarts() {
		for (String blank : new String[] { "", "  " }) {
			MockEnvironment environment = new MockEnvironment().withProperty("broadsheet.export", blank);
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
				.isThrownBy(() -> new ExportMode().postProcessEnvironment(environment, new SpringApplication()))
				.satisfies((ex) -> assertThat(ex.getReason()).startsWith("It names no folder. Give the folder"));
		}
	}

	@Test
	void staleFilesOfTheEarlierExportGoAndEveryOtherFileStays() throws IOException {
		ExportFolder.write(site(), files("index.html", "one", "images/old-1a.jpg", "old photo", "card-1.png", "card"));
		Files.writeString(site().resolve("CNAME"), "news.example.org");
		Files.createDirectories(site().resolve(".git"));
		Files.writeString(site().resolve(".git/config"), "[core]");
		ExportFolder.write(site(), files("index.html", "two", "images/new-2b.jpg", "new photo"));
		assertThat(Files.readString(site().resolve("index.html"))).isEqualTo("two");
		assertThat(site().resolve("images/new-2b.jpg")).hasContent("new photo");
		assertThat(site().resolve("images/old-1a.jpg")).doesNotExist();
		assertThat(site().resolve("card-1.png")).doesNotExist();
		assertThat(site().resolve("CNAME")).hasContent("news.example.org");
		assertThat(site().resolve(".git/config")).hasContent("[core]");
		assertThat(Files.readAllLines(site().resolve(ExportFolder.MANIFEST))).contains("images/new-2b.jpg", "index.html")
			.doesNotContain("card-1.png", "CNAME");
		assertThat(inParent()).as("nothing left beside it").containsExactly("site");
	}

	@Test
	void aLinkInTheFolderIsNeverWrittenThrough() throws IOException {
		Path outside = Files.writeString(this.parent.resolve("passwd"), "root:x:0:0");
		ExportFolder.write(site(), files("index.html", "one", "robots.txt", "r"));
		Files.delete(site().resolve("robots.txt"));
		Files.createSymbolicLink(site().resolve("robots.txt"), outside);
		Files.createSymbolicLink(site().resolve("link-of-theirs"), outside);
		ExportFolder.write(site(), files("index.html", "two", "robots.txt", "User-agent: *"));
		assertThat(outside).hasContent("root:x:0:0");
		assertThat(Files.isSymbolicLink(site().resolve("robots.txt"))).isFalse();
		assertThat(site().resolve("robots.txt")).hasContent("User-agent: *");
		assertThat(Files.isSymbolicLink(site().resolve("link-of-theirs"))).as("theirs, kept as it was").isTrue();
	}

	@Test
	void aFolderThatIsALinkIsRefused() throws IOException {
		Path real = Files.createDirectories(this.parent.resolve("real"));
		Files.createSymbolicLink(site(), real);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> ExportFolder.write(site(), files("index.html", "x")))
			.withMessageContaining("it is a link");
		assertThat(real).isEmptyDirectory();
	}

	@Test
	void aFolderOfFilesNoExportWroteIsRefusedAndLeftAsItWas() throws IOException {
		Files.createDirectories(site());
		Files.writeString(site().resolve("thesis.docx"), "years of work");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> ExportFolder.write(site(), files("index.html", "x")))
			.withMessageContaining("it holds files that no Broadsheet export wrote");
		try (Stream<Path> left = Files.list(site())) {
			assertThat(left.map(Path::getFileName).map(Path::toString)).containsExactly("thesis.docx");
		}
		assertThat(inParent()).containsExactly("site");
	}

	@Test
	void aFileOfTheirsThatTheExportWouldReplaceIsRefused() throws IOException {
		ExportFolder.write(site(), files("index.html", "one"));
		Files.writeString(site().resolve("404.html"), "their own page");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> ExportFolder.write(site(), files("index.html", "two", "404.html", "ours")))
			.withMessageContaining("it holds 404.html, which Broadsheet did not write");
		assertThat(site().resolve("404.html")).hasContent("their own page");
		assertThat(site().resolve("index.html")).hasContent("one");
	}

	@Test
	void aFailedExportLeavesThePreviousOneAsItWas() throws IOException {
		ExportFolder.write(site(), files("index.html", "one", "feed.xml", "feed"));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> ExportFolder.write(site(), files("index.html", "two", "../outside.html", "x")))
			.withMessageContaining("Refusing to write outside");
		assertThat(site().resolve("index.html")).hasContent("one");
		assertThat(site().resolve("feed.xml")).hasContent("feed");
		assertThat(inParent()).containsExactly("site");
	}

	@Test
	void whatTheExportWritesHasTheModesTheUmaskGivesAnyNewFolderAndFile() throws IOException {
		Path probeFolder = Files.createDirectory(this.parent.resolve("probe"));
		Path probeFile = Files.write(probeFolder.resolve("probe.txt"), new byte[1]);
		ExportFolder.write(site(), files("index.html", "one", "images/photo.jpg", "jpeg"));
		assertThat(mode(site())).as("not a temporary folder's 700: the web server must read it")
			.isEqualTo(mode(probeFolder));
		assertThat(mode(site().resolve("images"))).isEqualTo(mode(probeFolder));
		assertThat(mode(site().resolve("index.html"))).isEqualTo(mode(probeFile));
		assertThat(mode(site().resolve("images/photo.jpg"))).isEqualTo(mode(probeFile));
		ExportFolder.write(site(), files("index.html", "two"));
		assertThat(mode(site())).as("and again when it replaces an export").isEqualTo(mode(probeFolder));
	}

	@Test
	void aManifestNamingAPathOutsideTheFolderIsRefusedBeforeTheNewSiteMovesIn() throws IOException {
		ExportFolder.write(site(), files("index.html", "one"));
		Path manifest = site().resolve(ExportFolder.MANIFEST);
		Files.writeString(manifest, Files.readString(manifest) + "../../home/editor/notes.txt\n");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> ExportFolder.write(site(), files("index.html", "two")))
			.withMessageContaining("its .broadsheet-export names \"../../home/editor/notes.txt\", which is not a file "
					+ "inside it");
		assertThat(site().resolve("index.html")).as("the earlier export, untouched").hasContent("one");
		assertThat(inParent()).containsExactly("site");
	}

	@Test
	void aLinkOfTheirsInPlaceOfTheExportsFolderIsRefusedBeforeAnythingIsRemoved() throws IOException {
		Path victim = Files.createDirectories(this.parent.resolve("thesis"));
		Files.writeString(victim.resolve("a.txt"), "years of work");
		ExportFolder.write(site(), files("index.html", "one", "sub/a.txt", "ours"));
		org.springframework.util.FileSystemUtils.deleteRecursively(site().resolve("sub"));
		Files.createSymbolicLink(site().resolve("sub"), victim);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> ExportFolder.write(site(), files("index.html", "two")))
			.withMessageContaining("sub is not the folder the earlier export wrote");
		assertThat(victim.resolve("a.txt")).hasContent("years of work");
		assertThat(site().resolve("index.html")).hasContent("one");
	}

	@Test
	void aFileOfTheirsInsideAFolderNamedAsAnExportedFileIsRefusedBeforeTheSwap() throws IOException {
		ExportFolder.write(site(), files("index.html", "one"));
		Files.createDirectories(site().resolve("404.html"));
		Files.writeString(site().resolve("404.html/notes.txt"), "mine");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> ExportFolder.write(site(), files("index.html", "two", "404.html", "not found")))
			.withMessageContaining("it holds 404.html/notes.txt, which Broadsheet did not write and would replace");
		assertThat(site().resolve("404.html/notes.txt")).hasContent("mine");
		assertThat(inParent()).containsExactly("site");
	}

	@Test
	void aMountPointIsExportedIntoFileByFile() throws Exception {
		Files.createDirectories(site());
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "broadsheet-test", site().toString())
			.redirectErrorStream(true)
			.start();
		String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
				"mounting a tmpfs, as docker run -v does a volume, needs root: " + said);
		try {
			ExportFolder.write(site(), files("index.html", "one", "images/old.jpg", "old"));
			Files.writeString(site().resolve("CNAME"), "news.example.org");
			ExportFolder.write(site(), files("index.html", "two", "images/new.jpg", "new"));
			assertThat(site().resolve("index.html")).hasContent("two");
			assertThat(site().resolve("images/new.jpg")).hasContent("new");
			assertThat(site().resolve("images/old.jpg")).as("stale, removed").doesNotExist();
			assertThat(site().resolve("CNAME")).as("theirs, kept").hasContent("news.example.org");
			try (Stream<Path> left = Files.list(site())) {
				assertThat(left.map((path) -> path.getFileName().toString())).as("no staging left behind")
					.containsExactlyInAnyOrder("index.html", "images", "CNAME", ExportFolder.MANIFEST);
			}
			assertThat(inParent()).containsExactly("site");
		}
		finally {
			new ProcessBuilder("umount", site().toString()).start().waitFor();
		}
	}

	private static String mode(Path path) throws IOException {
		return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
