package org.gridlens.server.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client over java.net.http: parses events into a queue, stamps arrival time. */
public final class SseReader implements AutoCloseable {

    /** One received event (comments are counted, not queued). */
    public record Event(String id, String type, String data, long arrivedNanos) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int comments;
    private volatile int heartbeats;
    private final java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
    private volatile int status;

    public SseReader(HttpClient http, String url, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            status = r.statusCode();
            Thread t = new Thread(() -> read(r.body()), "sse-reader");
            t.setDaemon(true);
            t.start();
        });
    }

    private void read(Stream<String> lines) {
        String id = null;
        String type = "message";
        List<String> data = new ArrayList<>();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, type, String.join("\n", data), System.nanoTime()));
                    }
                    id = null;
                    type = "message";
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments++;
                    if (line.contains("heartbeat")) {
                        heartbeats++;
                    } else if (line.contains("connected")) {
                        connected.countDown();
                    }
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).trim());
                }
            }
        } catch (RuntimeException e) {
            // stream closed
        }
    }

    /** The next event of {@code type} within {@code timeout}, skipping others; null on timeout. */
    public Event next(String type, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return null;
            }
            if (e.type().equals(type)) {
                return e;
            }
        }
    }

    /** Every event until {@code quiet} passes without one (at most 10 s). */
    public List<Event> drain(Duration quiet) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        Event e;
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && (e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            out.add(e);
        }
        return out;
    }

    public int comments() {
        return comments;
    }

    /** Heartbeat comments received (the server's greeting is not one). */
    public int heartbeats() {
        return heartbeats;
    }

    /**
     * Waits for the server's greeting comment, which it sends after subscribing this stream: events
     * published from then on reach this reader. Throws when it does not come within {@code timeout}.
     */
    public SseReader awaitConnected(Duration timeout) throws InterruptedException {
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the event stream did not connect within " + timeout + " (status " + status + ")");
        }
        return this;
    }

    public int status() {
        return status;
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
