package org.broadsheet.photos;

/**
 * A file an article names that cannot be published, with what is wrong as the end of a sentence
 * that starts with the file's name: "does not exist beside the article; add the file or fix its name".
 */
public class PhotoException extends Exception {

	/** For a file an article names that is not there. */
	public static final String MISSING = "does not exist beside the article; add the file or fix its name";

	private final String path;

	public PhotoException(String path, String problem) {
		this(path, problem, null);
	}

	public PhotoException(String path, String problem, Throwable cause) {
		super(problem, cause);
		this.path = path;
	}

	/** The editor's path of the file, such as {@code images/parade.jpg}. */
	public String path() {
		return this.path;
	}

}
