package org.broadsheet.publishing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.broadsheet.photos.Fingerprint;

/**
 * Names the build that runs, by what its jars hold: a hash of every entry's name, size and CRC in the
 * jars on the class path (Spring Boot's jar holds its libraries as entries; an extracted jar names
 * them in its manifest). The jars' own directories give these, so nothing is read but those; a jar
 * built from other code, templates or libraries has another name, whatever its file's date.
 */
final class BuildIdentity {

	private BuildIdentity() {
	}

	/** This JVM's build; null when it runs from folders of classes (the tests, {@code mvn spring-boot:run}). */
	static String current() {
		return of(System.getProperty("java.class.path", ""));
	}

	static String of(String classPath) {
		MessageDigest digest = Fingerprint.sha256();
		Deque<Path> jars = new ArrayDeque<>();
		Set<Path> seen = new HashSet<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (!entry.isEmpty()) {
				jars.add(Path.of(entry).toAbsolutePath().normalize());
			}
		}
		if (jars.isEmpty()) {
			return null;
		}
		try {
			while (!jars.isEmpty()) {
				Path jar = jars.removeFirst();
				if (!seen.add(jar)) {
					continue;
				}
				if (!Files.isRegularFile(jar)) {
					return null;
				}
				try (JarFile file = new JarFile(jar.toFile(), false)) {
					update(digest, "jar " + jar.getFileName());
					for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
						JarEntry entry = entries.nextElement();
						update(digest, entry.getName() + " " + entry.getSize() + " " + Long.toHexString(entry.getCrc()));
					}
					Manifest manifest = file.getManifest();
					String more = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) : null;
					if (more != null) {
						for (String each : more.trim().split("\\s+")) {
							if (!each.isEmpty()) {
								jars.add(jar.resolveSibling(each).normalize());
							}
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void update(MessageDigest digest, String line) {
		digest.update(line.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) '\n');
	}

}
