package org.broadsheet.publishing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.EditionFile;
import org.broadsheet.edition.Page;
import org.broadsheet.edition.TestPress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A restart serves the first edition the last start printed, when nothing it was printed from has
 * changed, and prints the article again once ready: each start here is a {@link Publication} on a
 * copy of the real article, with the kept editions in a folder of the test's own.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class FirstEditionsTests {

	static final String REUSED = "as the last start printed it";

	@TempDir
	Path folder;

	Path article;

	Path kept;

	@BeforeEach
	void copyTheArticle() throws IOException {
		this.article = TestPress.copyOfContent(this.folder.resolve("content"));
		this.kept = Files.createDirectory(this.folder.resolve("cache"));
	}

	Publication start(String build, BroadsheetProperties properties) {
		return new Publication(new ArticleSource(properties), TestPress.of(properties), TestPress.DARKROOM, properties,
				new StandardEnvironment(), FirstEditions.in(this.kept, () -> build));
	}

	Publication start() {
		return start("build 1", TestPress.properties(this.article.toString()));
	}

	List<Path> keptFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.kept)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("edition-")).toList();
		}
	}

	@Test
	void aRestartServesTheEditionTheLastStartPrintedThenPrintsItAgain(CapturedOutput output) throws IOException {
		Publication first = start();
		Edition printed = first.current();
		first.settled();
		assertThat(output).doesNotContain(REUSED);
		assertThat(keptFiles()).as("kept once the application is ready").hasSize(1);

		Publication restart = start();
		Edition served = restart.current();
		assertThat(output).contains("Serving " + this.article + " " + REUSED + " (the same article, photos, settings "
				+ "and build); printing it again once the application is ready");
		assertThat(served.article()).as("read back, not printed").isNull();
		assertThat(served.page().bytes()).isEqualTo(printed.page().bytes());
		assertThat(served.page().etag()).isEqualTo(printed.page().etag());
		assertThat(served.notFound().bytes()).isEqualTo(printed.notFound().bytes());
		assertThat(served.views()).containsOnlyKeys(printed.views().keySet());
		assertThat(served.socialImage()).isEqualTo(printed.socialImage());

		assertThat(restart.view(Edition.FEED)).as("the feed, asked for meanwhile, waits for the print").isNotNull();
		Edition settled = restart.settled();
		assertThat(restart.current().article()).as("printed again once ready").isNotNull();
		assertThat(settled.page().bytes()).isEqualTo(first.settled().page().bytes());
		assertThat(settled.views()).containsKey(Edition.FEED);
		assertThat(output).doesNotContain("differs from the one printed now");
	}

	@Test
	void aChangedArticleOrPhotoIsPrintedBeforeItIsServed(CapturedOutput output) throws IOException {
		start().settled();
		Path photo = this.folder.resolve("content/images/feature.svg");
		Files.writeString(photo, Files.readString(photo).replaceFirst("<title>", "<title>Retouched: "));
		Publication afterThePhoto = start();
		String page = new String(afterThePhoto.current().page().bytes(), StandardCharsets.UTF_8);
		assertThat(afterThePhoto.current().article()).as("printed, not read back").isNotNull();
		assertThat(output).doesNotContain(REUSED);
		afterThePhoto.settled();

		Files.writeString(this.article, Files.readString(this.article).replace("Cell Phone Usage", "Cell Phone Use"));
		Publication afterTheText = start();
		assertThat(afterTheText.current().article()).isNotNull();
		assertThat(new String(afterTheText.current().page().bytes(), StandardCharsets.UTF_8)).isNotEqualTo(page)
			.contains("Cell Phone Use Signals");
		assertThat(output).doesNotContain(REUSED);
	}

	@Test
	void anotherBuildOrOtherSettingsPrintAfresh(CapturedOutput output) {
		start().settled();
		assertThat(start("build 2", TestPress.properties(this.article.toString())).current().article()).isNotNull();
		BroadsheetProperties elsewhere = new BroadsheetProperties(this.article.toString(), "https://elsewhere.example",
				TestPress.SITE_NAME, null, false, null, null, org.springframework.util.unit.DataSize.ofMegabytes(200),
				null, null);
		Publication moved = start("build 1", elsewhere);
		assertThat(moved.current().article()).isNotNull();
		assertThat(new String(moved.current().page().bytes(), StandardCharsets.UTF_8)).contains("https://elsewhere.example/");
		assertThat(output).doesNotContain(REUSED);
	}

	@Test
	void aDamagedEditionIsDiscardedWithOneLineAndPrintedAgain(CapturedOutput output) throws IOException {
		start().settled();
		Path file = keptFiles().get(0);
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 0x20;
		Files.write(file, bytes);

		Publication restart = start();
		assertThat(restart.current().article()).as("printed, not read back").isNotNull();
		assertThat(output).contains("Discarding the printed article " + file + " (it is damaged or cut short: its "
				+ "checksum does not match); it is printed again").doesNotContain(REUSED);
		restart.settled();
		assertThat(EditionFile.read(Files.readAllBytes(file)).edition().page().bytes())
			.as("written again").isEqualTo(restart.current().page().bytes());

		Files.delete(file);
		Files.createSymbolicLink(file, this.article);
		assertThat(start().current().article()).as("never read through a link").isNotNull();
		assertThat(output).contains("Discarding the printed article " + file + " (it is not a file)");
	}

	@Test
	void anEditionThatDiffersFromTheReprintIsReplacedAndSaidSo(CapturedOutput output) throws IOException {
		start().settled();
		Path file = keptFiles().get(0);
		EditionFile.Read read = EditionFile.read(Files.readAllBytes(file));
		Edition edition = read.edition();
		Page page = edition.page();
		byte[] other = new String(page.bytes(), StandardCharsets.UTF_8).replace("Signals Change", "Signals No Change")
			.getBytes(StandardCharsets.UTF_8);
		Edition tampered = new Edition(null, new Page(page.contentType(), page.cacheControl(), other, null, page.etag(),
				page.gzipEtag(), page.headers()), edition.views(), edition.notFound(), edition.clientError(),
				edition.serverError(), edition.socialImage());
		Files.write(file, EditionFile.write(tampered, read.notes()));

		Publication restart = start();
		assertThat(new String(restart.current().page().bytes(), StandardCharsets.UTF_8)).contains("Signals No Change");
		restart.settled();
		assertThat(new String(restart.current().page().bytes(), StandardCharsets.UTF_8)).doesNotContain("No Change")
			.contains("Signals Change");
		assertThat(output).contains("The edition of " + this.article + " kept from the last start differs from the one "
				+ "printed now; serving the one printed now");
		assertThat(new String(EditionFile.read(Files.readAllBytes(file)).edition().page().bytes(), StandardCharsets.UTF_8))
			.as("kept as printed now").doesNotContain("No Change");
	}

	@Test
	void aPreviewAnExportOrAFolderOfClassesKeepsNothing() throws IOException {
		start("build 1", TestPress.properties(this.article.toString(), true)).settled();
		assertThat(keptFiles()).as("a preview prints each save").isEmpty();
		StandardEnvironment exporting = new StandardEnvironment();
		exporting.getPropertySources().addFirst(new MapPropertySource("test",
				Map.of("broadsheet.export", this.folder.resolve("site").toString())));
		BroadsheetProperties properties = TestPress.properties(this.article.toString());
		new Publication(new ArticleSource(properties), TestPress.of(properties), TestPress.DARKROOM, properties, exporting,
				FirstEditions.in(this.kept, () -> "build 1")).settled();
		assertThat(keptFiles()).as("an export writes what it prints").isEmpty();
		start(null, TestPress.properties(this.article.toString())).settled();
		assertThat(keptFiles()).as("no build to name it by").isEmpty();
		assertThat(BuildIdentity.of(Path.of("target/classes").toAbsolutePath().toString())).isNull();
	}

	@Test
	void anArticleThatCannotBePrintedAgainIsForgottenAndTheAppSaysItIsNotReady(CapturedOutput output) throws IOException {
		Publication first = start();
		Edition printed = first.current();
		first.settled();
		Publication restart = start();
		List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		restart.setApplicationEventPublisher(events::add);
		assertThat(restart.current().article()).as("read back").isNull();
		// the photo goes between the check and the print
		Files.delete(this.folder.resolve("content/images/kim-supporters.svg"));
		restart.settled();
		assertThat(output).contains("images/kim-supporters.svg").contains("(the article cannot be printed now, though it "
				+ "was at the last start: still serving the edition printed then, and refusing new traffic; the next start "
				+ "fails as this one would have)");
		assertThat(restart.current().page().bytes()).as("still served").isEqualTo(printed.page().bytes());
		assertThat(keptFiles()).as("forgotten").isEmpty();
		assertThat(events).singleElement().isInstanceOfSatisfying(AvailabilityChangeEvent.class,
				(event) -> assertThat(event.getState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC));
		// Spring says it takes traffic once it is ready: not while this is so
		restart.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
		assertThat(events).hasSize(2).last().isInstanceOfSatisfying(AvailabilityChangeEvent.class,
				(event) -> assertThat(event.getState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC));
	}

	@Test
	void anEditionLargerThanAnEighthOfTheHeapIsNotKept(CapturedOutput output) throws IOException {
		BroadsheetProperties properties = TestPress.properties(this.article.toString());
		new Publication(new ArticleSource(properties), TestPress.of(properties), TestPress.DARKROOM, properties,
				new StandardEnvironment(), FirstEditions.in(this.kept, () -> "build 1", 10_000)).settled();
		assertThat(keptFiles()).isEmpty();
		assertThat(output).containsPattern("Not keeping the printed article for the next start: it takes [0-9.]+ MB, "
				+ "more than an eighth of the heap \\(0\\.0 MB\\); the next start prints it first");
	}

	@Test
	void anEditionFileReadsBackAsWrittenAndRefusesWhatIsDamaged() throws IOException {
		Edition edition = TestPress.content();
		byte[] file = EditionFile.write(edition, Map.of("key", "k"));
		EditionFile.Read read = EditionFile.read(file);
		assertThat(read.notes()).containsExactly(Map.entry("key", "k"));
		assertThat(EditionFile.write(read.edition(), read.notes())).isEqualTo(file);
		assertThat(read.edition().views().get(Edition.FEED).gzipped()).isEqualTo(edition.views().get(Edition.FEED).gzipped());

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> EditionFile.read(java.util.Arrays.copyOf(file, file.length - 100)))
			.withMessageStartingWith("it is damaged or cut short: ");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> EditionFile.read(new byte[0]));
		// a length that runs past the end, with a checksum that matches: refused, not allocated
		byte[] lying = withChecksum(new byte[] { 0, 20, 'b', 'r', 'o', 'a', 'd', 's', 'h', 'e', 'e', 't', ' ', 'e', 'd', 'i',
				't', 'i', 'o', 'n', ' ', '1', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff });
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> EditionFile.read(lying))
			.withMessage("it is damaged or cut short: it names more entries than it holds");
		// notes enough to fill a small heap, each a few bytes in the file: refused before they are read
		java.io.ByteArrayOutputStream crafted = new java.io.ByteArrayOutputStream();
		try (java.io.DataOutputStream out = new java.io.DataOutputStream(crafted)) {
			out.writeUTF("broadsheet edition 1");
			out.writeInt(20_000);
			for (int i = 0; i < 20_000; i++) {
				out.writeUTF(Integer.toString(i, 36));
				out.writeUTF("");
			}
		}
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> EditionFile.read(withChecksum(crafted.toByteArray())))
			.withMessage("it is damaged or cut short: it names more entries than it holds");
	}

	@Test
	void theBuildIsNamedByWhatItsJarsHold() throws IOException {
		Path lib = jar(this.folder.resolve("lib/library.jar"), Map.of("Library.class", "one"), null);
		Path app = jar(this.folder.resolve("app.jar"), Map.of("App.class", "app"), "lib/library.jar");
		String build = BuildIdentity.of(app.toString());
		assertThat(build).matches("[0-9a-f]{64}").isEqualTo(BuildIdentity.of(app.toString()));

		Files.setLastModifiedTime(app, java.nio.file.attribute.FileTime.fromMillis(0));
		assertThat(BuildIdentity.of(app.toString())).as("not its date").isEqualTo(build);
		jar(lib, Map.of("Library.class", "two"), null);
		assertThat(BuildIdentity.of(app.toString())).as("a library the manifest names").isNotEqualTo(build);
		Files.delete(lib);
		assertThat(BuildIdentity.of(app.toString())).as("a library missing").isNull();
	}

	static Path jar(Path path, Map<String, String> entries, String classPath) throws IOException {
		Files.createDirectories(path.getParent());
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (classPath != null) {
			manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
		}
		try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
			for (Map.Entry<String, String> entry : new HashMap<>(entries).entrySet()) {
				jar.putNextEntry(new JarEntry(entry.getKey()));
				jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
				jar.closeEntry();
			}
		}
		return path;
	}

	static byte[] withChecksum(byte[] body) {
		byte[] sum = org.broadsheet.photos.Fingerprint.sha256().digest(body);
		byte[] file = java.util.Arrays.copyOf(body, body.length + sum.length);
		System.arraycopy(sum, 0, file, body.length, sum.length);
		return file;
	}

}
