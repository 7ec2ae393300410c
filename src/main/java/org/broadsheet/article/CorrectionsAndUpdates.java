package org.broadsheet.article;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * The article's corrections and updates, newest first, as a block at the end of its body: written
 * once in the tree, so the page and the feed carry the same notes. Each is labelled, then dated, then
 * said, so that a screen reader speaks the label and the date before the text.
 */
final class CorrectionsAndUpdates extends CustomBlock {

	/** The section's id, which the dateline links to. */
	static final String ID = "corrections-and-updates";

	private final List<Note> notes;

	private final String policy;

	/** @param policy the publication's corrections policy, linked beside the notes, or null */
	CorrectionsAndUpdates(List<Note> notes, String policy) {
		this.notes = List.copyOf(notes);
		this.policy = policy;
	}

	/** Writes the block as a {@code <section>} with its own heading. */
	static final class Renderer implements NodeRenderer {

		private final HtmlNodeRendererContext context;

		private final HtmlWriter html;

		Renderer(HtmlNodeRendererContext context) {
			this.context = context;
			this.html = context.getWriter();
		}

		@Override
		public Set<Class<? extends Node>> getNodeTypes() {
			return Set.of(CorrectionsAndUpdates.class);
		}

		@Override
		public void render(Node node) {
			CorrectionsAndUpdates block = (CorrectionsAndUpdates) node;
			this.html.line();
			this.html.tag("section", this.context.extendAttributes(node, "section",
					attributes("class", "notes", "id", ID, "aria-labelledby", ID + "-title")));
			this.html.tag("h2", attributes("id", ID + "-title"));
			this.html.text("Corrections and updates");
			this.html.tag("/h2");
			this.html.tag("ol", attributes("class", "notes-list"));
			for (Note note : block.notes) {
				this.html.tag("li", attributes("class", "note note-" + note.kind().name().toLowerCase(java.util.Locale.ROOT)));
				this.html.tag("p", attributes("class", "note-head"));
				this.html.tag("strong", attributes("class", "note-label"));
				this.html.text(note.kind().label());
				this.html.tag("/strong");
				this.html.text(" ");
				this.html.tag("time", attributes("datetime", note.date().toString()));
				this.html.text(note.dateText());
				this.html.tag("/time");
				this.html.tag("/p");
				this.html.tag("p", attributes("class", "note-text"));
				this.html.text(note.text());
				this.html.tag("/p");
				this.html.tag("/li");
			}
			this.html.tag("/ol");
			if (block.policy != null) {
				this.html.tag("p", attributes("class", "notes-policy"));
				this.html.tag("a", this.context.extendAttributes(node, "a", attributes("href",
						this.context.encodeUrl(block.policy))));
				this.html.text("How we correct mistakes");
				this.html.tag("/a");
				this.html.tag("/p");
			}
			this.html.tag("/section");
			this.html.line();
		}

		private static Map<String, String> attributes(String... namesAndValues) {
			Map<String, String> attributes = new LinkedHashMap<>();
			for (int i = 0; i < namesAndValues.length; i += 2) {
				attributes.put(namesAndValues[i], namesAndValues[i + 1]);
			}
			return attributes;
		}

	}

}
