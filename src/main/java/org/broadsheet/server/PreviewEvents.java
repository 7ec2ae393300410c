package org.broadsheet.server;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.broadsheet.edition.LivePreview;
import org.broadsheet.publishing.Publication;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live preview's events, to each browser that has a previewed page open: {@code page} with the
 * name of the edition now served, as soon as a save is published, and {@code broken} with the
 * sentence the log gives when a save cannot be. A browser that connects, or connects again, is told
 * the state at once, so that it never misses a save. Nothing of this exists when the article is
 * published.
 */
@Component
class PreviewEvents implements SmartLifecycle {

	/** Each stream ends after this long and the browser opens another, so that none outlives its tab for long. */
	static final long STREAM_MILLIS = TimeUnit.MINUTES.toMillis(5);

	/** How soon a browser tries again when the stream ends or the preview restarts. */
	static final long RETRY_MILLIS = 1000;

	private final Publication publication;

	private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();

	private final Consumer<Publication.Live> follower = this::tellAll;

	private volatile boolean running;

	/** Set once the context begins to close: a stream opened after it ends at once, so shutdown never waits for it. */
	private volatile boolean stopping;

	PreviewEvents(Publication publication) {
		this.publication = publication;
	}

	/**
	 * A stream of the preview's events, or null when the article is published, not previewed (a 404,
	 * which ends a browser's EventSource for good: only then).
	 */
	SseEmitter open() {
		if (this.publication.live() == null) {
			return null;
		}
		SseEmitter stream = new SseEmitter(STREAM_MILLIS);
		stream.onCompletion(() -> this.streams.remove(stream));
		stream.onTimeout(stream::complete);
		stream.onError((ex) -> this.streams.remove(stream));
		// added before the state is read, so that a save told meanwhile reaches it too
		this.streams.add(stream);
		tell(stream, null);
		if (this.stopping) {
			this.streams.remove(stream);
			stream.complete();
		}
		return stream;
	}

	private void tellAll(Publication.Live state) {
		for (SseEmitter stream : this.streams) {
			tell(stream, state);
		}
	}

	/** @param told what to tell, or null for the state now, read under the stream's lock */
	private void tell(SseEmitter stream, Publication.Live told) {
		try {
			synchronized (stream) {
				Publication.Live state = (told != null) ? told : this.publication.live();
				stream.send(SseEmitter.event().reconnectTime(RETRY_MILLIS).name(LivePreview.PAGE_EVENT).data(state.version()));
				if (state.broken() != null) {
					stream.send(SseEmitter.event().name(LivePreview.BROKEN_EVENT).data(state.broken()));
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the browser has gone: its stream ends here
			this.streams.remove(stream);
			stream.completeWithError(ex);
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.publication.follow(this.follower);
	}

	/** Ends every stream before the server's graceful shutdown, which would otherwise wait for them. */
	@Override
	public void stop() {
		this.stopping = true;
		this.running = false;
		this.publication.unfollow(this.follower);
		for (SseEmitter stream : this.streams) {
			stream.complete();
		}
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
