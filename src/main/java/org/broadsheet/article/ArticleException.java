package org.broadsheet.article;

/**
 * An article that cannot be published, with the one sentence an editor needs to fix it: the file,
 * the line where there is one, and what is wrong.
 */
public class ArticleException extends RuntimeException {

	private final String file;

	private final int line;

	public ArticleException(String file, int line, String problem) {
		this(file, line, problem, null);
	}

	public ArticleException(String file, int line, String problem, Throwable cause) {
		// the file's name and the problem may quote what an editor typed: never more than one log line
		super(ControlCharacters.escaped(file + (line > 0 ? ", line " + line : "") + ": " + problem), cause);
		this.file = file;
		this.line = line;
	}

	public String file() {
		return this.file;
	}

	/** The 1-based line of the article file, or 0 when the problem is not on one line. */
	public int line() {
		return this.line;
	}

}
