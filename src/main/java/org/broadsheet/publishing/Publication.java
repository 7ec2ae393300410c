package org.broadsheet.publishing;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.broadsheet.article.ArticleException;
import org.broadsheet.article.ArticleRenderer;
import org.broadsheet.article.ControlCharacters;
import org.broadsheet.article.Note;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.EditionFile;
import org.broadsheet.edition.History;
import org.broadsheet.edition.Page;
import org.broadsheet.edition.Press;
import org.broadsheet.photos.Darkroom;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The edition currently served. The first is printed off the main thread as soon as this bean is made,
 * so that its photos develop while Spring starts the rest; the start waits for it before the server
 * takes requests, and fails with an {@link ArticleException} if the article cannot be published.
 * It is printed again each time the article changes; a change that cannot be published leaves the last
 * good edition in place.
 */
@Component
public class Publication
		implements SmartInitializingSingleton, ApplicationListener<ApplicationReadyEvent>, ApplicationEventPublisherAware {

	private static final Log logger = LogFactory.getLog(Publication.class);

	private final ArticleSource source;

	private final Darkroom darkroom;

	/** Made as the first printing needs them, off the start's path: commonmark's parser and renderers. */
	private ArticleRenderer renderer;

	private ArticleHistory history;

	private final Press press;

	private final BroadsheetProperties properties;

	private final boolean exporting;

	private final FirstEditions kept;

	/** All the settings the printing reads, as text, for what names a kept edition. */
	private final String settings;

	/** Tells the application that it cannot serve the article as it is now; null outside Spring. */
	private volatile ApplicationEventPublisher events;

	/** Whether the article, served as the last start printed it, could not be printed again. */
	private volatile boolean broken;

	private final AtomicReference<Edition> current = new AtomicReference<>();

	/** Done once the first edition is served: {@link #current} holds it (never the future, so that an edition read back is not held for good). */
	private final CompletableFuture<Void> first = new CompletableFuture<>();

	/** Counts the editions printed, so that a history printed late never replaces a newer edition. */
	private final AtomicLong printed = new AtomicLong();

	/** The current edition once its history is printed too. */
	private volatile CompletableFuture<Edition> settled = new CompletableFuture<>();

	/**
	 * When the rest of the first edition may print: once the application is ready, so that it does
	 * not compete with Spring's start for the processor, or as soon as something asks for it.
	 */
	private final CompletableFuture<Void> rest = new CompletableFuture<>();

	/** Names this run's editions to the browsers that follow the preview: a page from an earlier run is never current. */
	private final String run = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

	/** While previewed: the edition served, and why the last save could not be published, if it could not. */
	private volatile Live live;

	private final List<Consumer<Live>> followers = new CopyOnWriteArrayList<>();

	@Autowired
	Publication(ArticleSource source, Press press, Darkroom darkroom, BroadsheetProperties properties,
			Environment environment) {
		this(source, press, darkroom, properties, environment,
				FirstEditions.in(darkroom.cacheFolder(), BuildIdentity::current));
	}

	/** @param kept where a published article's first edition is kept for the next start */
	Publication(ArticleSource source, Press press, Darkroom darkroom, BroadsheetProperties properties,
			Environment environment, FirstEditions kept) {
		this.source = source;
		this.darkroom = darkroom;
		this.press = press;
		this.properties = properties;
		this.exporting = ExportMode.requested(environment);
		// a preview prints every save, and an export writes what it prints
		this.kept = (this.exporting || source.preview()) ? FirstEditions.NONE : kept;
		this.settings = properties + "; " + thymeleaf(environment);
		Thread printer = new Thread(this::printFirst, "broadsheet-first-edition");
		printer.setDaemon(true);
		printer.start();
	}

	/**
	 * Serves the first edition kept from the last start, or prints it; then, once the application is
	 * ready, prints the rest (and an edition read back, afresh). Whatever happens, those waiting for
	 * the whole edition are answered.
	 */
	private void printFirst() {
		Kept reused = null;
		Printing printing = null;
		try {
			reused = reused();
			if (reused == null) {
				printing = print();
			}
			Edition first = (reused != null) ? reused.edition() : printing.edition();
			this.current.compareAndSet(null, first);
			this.live = new Live((printing != null) ? printing.live() : null, null);
			this.first.complete(null);
		}
		catch (RuntimeException | Error ex) {
			this.first.completeExceptionally(ex);
			this.settled.completeExceptionally(ex);
			return;
		}
		// what those waiting for the whole edition wait on: the one printed now replaces the one read back
		CompletableFuture<Edition> whole = (printing != null) ? printing.settled() : this.settled;
		try {
			// the article is served meanwhile; its feed, drawn images and history follow
			this.rest.join();
			if (reused != null) {
				printing = reprint(reused);
				reused = null;
				if (printing == null) {
					return;
				}
			}
			else {
				this.kept.store(printing.key(), printing.edition(), printing.photos());
			}
			printing.rest().run();
		}
		catch (Error ex) {
			whole.completeExceptionally(ex);
			throw ex;
		}
		finally {
			// answered whatever happened, with what is served (a no-op once the rest completed it)
			whole.complete(this.current.get());
		}
	}

	/** An edition read back, and what names it. */
	private record Kept(Edition edition, String key) {
	}

	/** The first edition the last start printed from the same article, photos, settings and build; or null. */
	private Kept reused() {
		if (!this.kept.kept()) {
			return null;
		}
		byte[] bytes = this.source.read();
		String key;
		Edition edition;
		try {
			key = this.kept.key(this.source, bytes, this.settings);
			edition = this.kept.find(key, this.source.images());
		}
		catch (RuntimeException ex) {
			// what was kept never stops a start: the article is printed instead
			logger.warn("Cannot read the edition kept from the last start (" + ex + "); printing the article", ex);
			return null;
		}
		if (edition == null) {
			return null;
		}
		logger.info(ControlCharacters.escaped("Serving " + this.source.name() + " as the last start printed it (the "
				+ "same article, photos, settings and build); printing it again once the application is ready"));
		return new Kept(edition, key);
	}

	/**
	 * Prints the article afresh and serves that in place of the edition read back, saying so if it
	 * differs. If it cannot be printed now, the edition read back is forgotten, the application says it
	 * is not ready ({@code /readyz}), and the log says why: as a start that printed it would have failed.
	 */
	private Printing reprint(Kept reused) {
		Printing printing;
		try {
			// those waiting for the whole edition wait for the one printed now
			printing = print(this.settled);
		}
		catch (RuntimeException | Error ex) {
			this.kept.forget(reused.key());
			this.broken = true;
			logger.error(ControlCharacters.escaped(ex.getMessage() + " (the article cannot be printed now, though it "
					+ "was at the last start: still serving the edition printed then, and refusing new traffic; the "
					+ "next start fails as this one would have)"));
			refuseTraffic();
			if (ex instanceof Error error) {
				throw error;
			}
			return null;
		}
		if (!EditionFile.same(reused.edition(), printing.edition())) {
			logger.warn(ControlCharacters.escaped("The edition of " + this.source.name() + " kept from the last start "
					+ "differs from the one printed now; serving the one printed now"));
			this.kept.store(printing.key(), printing.edition(), printing.photos());
		}
		this.current.compareAndSet(reused.edition(), printing.edition());
		return printing;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	private void refuseTraffic() {
		ApplicationEventPublisher events = this.events;
		if (events != null) {
			AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
		}
	}

	/** Spring says the application takes traffic once it is ready: not if the article could not be printed again by then. */
	@EventListener
	public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
		if (this.broken && event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
			refuseTraffic();
		}
	}

	/** The settings of Thymeleaf's that change what it prints, beside Broadsheet's own. */
	private static String thymeleaf(Environment environment) {
		StringBuilder settings = new StringBuilder("spring.thymeleaf");
		for (String name : List.of("prefix", "suffix", "mode", "encoding", "enable-spring-el-compiler")) {
			settings.append(' ').append(name).append('=').append(environment.getProperty("spring.thymeleaf." + name));
		}
		return settings.toString();
	}

	/** Waits for the first edition, so that the start fails if the article cannot be published. */
	@Override
	public void afterSingletonsInstantiated() {
		awaitFirst();
		logger.info(mode());
	}

	/** Prints the rest of the first edition now that the application serves the article. */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		this.rest.complete(null);
	}

	/** The one line that says at start how this run publishes the article. */
	private String mode() {
		if (this.exporting) {
			return "Exporting " + this.source.name() + " as static files to " + this.properties.export();
		}
		if (this.source.preview()) {
			return "Previewing " + this.source.name() + ": each save shows in the browsers that have the page open, "
					+ "and nothing is cached (broadsheet.preview=true, for writing only)";
		}
		return "Publishing " + this.source.name() + " at " + this.properties.baseUrl() + "/: browsers and CDNs may "
				+ "cache the page for 5 minutes, and an edit goes public on the next start";
	}

	/**
	 * What a browser following the preview needs: the edition now served, by the name its pages carry
	 * ({@code broadsheet-live}), and the sentence the log gave for a later save that could not be
	 * published, or null.
	 */
	public record Live(String version, String broken) {
	}

	/** The preview's state now; null when the article is published rather than previewed. */
	public Live live() {
		return this.source.preview() ? this.live : null;
	}

	/** Tells the listener of each save the preview publishes, or cannot: on the watcher's thread, so it must be quick. */
	public void follow(Consumer<Live> follower) {
		this.followers.add(follower);
	}

	public void unfollow(Consumer<Live> follower) {
		this.followers.remove(follower);
	}

	private void tell(Live state) {
		this.live = state;
		for (Consumer<Live> follower : this.followers) {
			try {
				follower.accept(state);
			}
			catch (RuntimeException ex) {
				logger.debug("A preview follower failed", ex);
			}
		}
	}

	public Edition current() {
		Edition edition = this.current.get();
		return (edition != null) ? edition : awaitFirst();
	}

	/**
	 * A view of the current edition, such as the feed; null when it has none. For the moments after a
	 * start or a save when only the article page is printed, it waits for the rest.
	 */
	public Page view(String path) {
		Page view = current().views().get(path);
		if (view == null && !this.settled.isDone()) {
			view = settled().views().get(path);
		}
		return view;
	}

	/**
	 * The current edition once all of it is printed, as the static export writes it: at first the
	 * article page is served before its feed, its drawn images and the pages of its earlier versions
	 * are ready.
	 */
	public Edition settled() {
		awaitFirst();
		this.rest.complete(null);
		return joined(this.settled);
	}

	private Edition awaitFirst() {
		try {
			this.first.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
		return this.current.get();
	}

	/** The edition printed, or what stopped it, as it was thrown (an {@link ArticleException} names its line). */
	private static Edition joined(CompletableFuture<Edition> printing) {
		try {
			return printing.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Renders the article again and serves it, unless it cannot be published.
	 * @return whether the new version is now served
	 */
	boolean republish() {
		try {
			Printing printing = print();
			this.current.set(printing.edition());
			tell(new Live(printing.live(), null));
			printing.rest().run();
			return true;
		}
		catch (RuntimeException ex) {
			String sentence = ControlCharacters.escaped(String.valueOf(ex.getMessage()));
			logger.warn(sentence + " (still serving the last good version)");
			Live last = this.live;
			tell(new Live((last != null) ? last.version() : null, sentence));
			return false;
		}
	}

	/** What an editor previewing wants to know of the version now served. */
	String summary() {
		Edition edition = current();
		Article article = edition.article();
		return "description " + article.description().length() + " of " + ArticleRenderer.DESCRIPTION_LIMIT
				+ " characters, " + article.wordCount() + " words, " + article.readingMinutes()
				+ " min read, link-preview image " + edition.socialImage().url();
	}

	/**
	 * An edition as the start waits for it, and the printing of the rest of it: feed, drawn images,
	 * history; with what names it to {@link FirstEditions}, and a SHA-256 of each photo it was printed
	 * from (null when it is not kept).
	 */
	private record Printing(Edition edition, String live, Runnable rest, String key, Map<String, String> photos,
			CompletableFuture<Edition> settled) {
	}

	/** The article's history and the renderer it shares, made the first time an edition is printed. */
	private synchronized ArticleHistory history() {
		if (this.history == null) {
			this.renderer = new ArticleRenderer(this.properties.baseUrl(), this.darkroom,
					this.properties.correctionsPolicy(), Clock.systemUTC());
			this.history = new ArticleHistory(this.source, this.renderer);
		}
		return this.history;
	}

	private Printing print() {
		return print(new CompletableFuture<>());
	}

	/** @param settled what completes with the edition once all of it is printed */
	private Printing print(CompletableFuture<Edition> settled) {
		byte[] bytes = this.source.read();
		String key = this.kept.kept() ? this.kept.key(this.source, bytes, this.settings) : null;
		ArticleHistory history = history();
		CompletableFuture<GitRevisions> ahead = history.readAhead(bytes);
		Article article;
		try {
			article = this.renderer.render(this.source.name(), bytes, this.source.images());
		}
		catch (RuntimeException ex) {
			ArticleHistory.discard(ahead);
			throw ex;
		}
		// the photos as they were developed, to the moment: a kept edition is served only while they are unchanged
		Map<String, String> photos = (key != null) ? FirstEditions.photos(article, this.source.images()) : null;
		ArticleHistory.Reading reading = history.read(article, bytes, ahead);
		article.warnings().forEach((warning) -> logger.warn(ControlCharacters.escaped(this.source.name() + ": " + warning)));
		// each note said as it goes out, so that an editor sees what readers will
		for (Note note : article.notes()) {
			logger.info(ControlCharacters.escaped(this.source.name() + ": publishing the " + note.kind().label().toLowerCase(Locale.ROOT)
					+ " of " + note.dateText() + ": " + note.text()));
		}
		long number = this.printed.incrementAndGet();
		String live = this.source.preview() ? this.run + "-" + number : null;
		History unwritten = new History(List.of(), reading.pending());
		Edition edition = press(article, live, unwritten, false);
		CompletableFuture<Edition> previous = this.settled;
		this.settled = settled;
		if (previous != settled) {
			previous.complete(edition);
		}
		return new Printing(edition, live, () -> {
			Edition complete = edition;
			try {
				History versions = history.build(reading, article);
				complete = press(article, live, versions.shown() ? versions : unwritten, true);
			}
			catch (RuntimeException ex) {
				if (shuttingDown(ex)) {
					// stopped as it printed: nothing is served any more, so nothing is missing
					logger.debug("The rest of the edition was not printed: the JVM is shutting down", ex);
				}
				else {
					logger.warn(ControlCharacters.escaped("The rest of the edition of " + this.source.name() + " (its "
							+ "history, feed or drawn images) could not be printed (" + ex + "); serving the article without it"));
				}
			}
			// unless a newer edition has been printed meanwhile
			if (this.printed.get() == number) {
				this.current.compareAndSet(edition, complete);
			}
			settled.complete(complete);
		}, key, photos, settled);
	}

	/** Whether the JVM refused what the printing asked because it is shutting down (a font's or a library's shutdown hook). */
	private static boolean shuttingDown(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IllegalStateException && "Shutdown in progress".equals(cause.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param whole whether to print every view, or only the page and what is cheap to print with it,
	 * as the start waits for ({@link Press#printFirst})
	 */
	private Edition press(Article article, String live, History history, boolean whole) {
		try {
			return whole ? this.press.print(article, live, this.source.lastModified(), history)
					: this.press.printFirst(article, live, this.source.lastModified(), history);
		}
		catch (RuntimeException ex) {
			// the renderer refuses what it knows to be wrong; anything else is still the article's, not a crash
			throw new ArticleException(this.source.name(), 0, "the article could not be printed (" + ex + ")", ex);
		}
	}

}
