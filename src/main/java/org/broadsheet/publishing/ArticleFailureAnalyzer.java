package org.broadsheet.publishing;

import org.broadsheet.article.ArticleException;
import org.broadsheet.article.ControlCharacters;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an article that cannot be published into the plain sentence an editor needs, in place of a
 * stack trace: which file, which line, and what to do.
 */
class ArticleFailureAnalyzer extends AbstractFailureAnalyzer<ArticleException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ArticleException cause) {
		String file = ControlCharacters.escaped(cause.file());
		String where = (cause.line() > 0) ? "line " + cause.line() + " of " + file : file;
		return new FailureAnalysis("Broadsheet cannot publish the article: " + cause.getMessage(),
				"Fix " + where + ", then start Broadsheet again (mvn verify runs the same checks before a deploy).",
				cause);
	}

}
