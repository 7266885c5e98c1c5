package org.gridlens.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A heap snapshot of the page, summed by constructor: what the Chrome DevTools "Summary" view shows, as
 * numbers a test can print and diff. Two censuses of the same page tell which kinds of object grew.
 *
 * <p>The snapshot is taken over the browser's own DevTools WebSocket (the {@code debuggerAddress}
 * chromedriver reports), because its chunks arrive as events that Selenium's one-shot CDP call cannot
 * collect. A forced GC runs first, so only reachable objects are counted. Objects are keyed by snapshot
 * node type and name — the constructor of an object, the function of a closure or code object, the class
 * of a native (DOM, canvas) object ({@code "object Array"}, {@code "closure drawTicker"},
 * {@code "native HTMLCanvasElement"}); strings, numbers and internal arrays by type only; sizes are shallow (self) sizes,
 * so a leak shows where its objects are, not who holds them.
 *
 * @param entries per key: count and total self size in bytes
 */
public record HeapCensus(Map<String, long[]> entries) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(5);

    public HeapCensus {
        entries = Map.copyOf(entries);
    }

    /** Total self size of every counted object. */
    public long totalBytes() {
        return entries.values().stream().mapToLong(v -> v[1]).sum();
    }

    /** The {@code top} keys whose self size grew most from {@code before} to this census, one line each. */
    public List<String> growthSince(HeapCensus before, int top) {
        List<Map.Entry<String, long[]>> grew = new ArrayList<>();
        for (Map.Entry<String, long[]> e : entries.entrySet()) {
            long[] b = before.entries.getOrDefault(e.getKey(), new long[2]);
            grew.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1], e.getValue()[1]}));
        }
        grew.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        return grew.stream().limit(top).map(e -> String.format("%+,9d B %+6d objects  %-40s (now %,d B)",
                e.getValue()[1], e.getValue()[0], e.getKey(), e.getValue()[2])).toList();
    }

    /** Takes a census of the page the driver shows now (after a forced GC). */
    public static HeapCensus of(ChromeDriver driver) throws IOException, InterruptedException {
        Object opts = driver.getCapabilities().getCapability("goog:chromeOptions");
        String address = String.valueOf(((Map<?, ?>) opts).get("debuggerAddress"));
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String url = driver.getCurrentUrl();
        String ws = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText()) && url.equals(t.path("url").asText())) {
                ws = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (ws == null) {
            throw new IllegalStateException("no DevTools target for " + url + " among " + targets);
        }
        Collector collector = new Collector();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), collector).join();
        try {
            socket.sendText("{\"id\":1,\"method\":\"HeapProfiler.enable\"}", true).join();
            socket.sendText("{\"id\":2,\"method\":\"HeapProfiler.collectGarbage\"}", true).join();
            socket.sendText("{\"id\":3,\"method\":\"HeapProfiler.takeHeapSnapshot\",\"params\":{\"reportProgress\":false}}", true).join();
            collector.done.get(SNAPSHOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("heap snapshot not received: " + e.getMessage(), e);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
        }
        return summarise(JSON.readTree(collector.snapshot.toString()));
    }

    /** Sums a V8 heap snapshot (the {@code .heapsnapshot} JSON) by node type and constructor name. */
    static HeapCensus summarise(JsonNode snap) {
        JsonNode meta = snap.at("/snapshot/meta");
        List<String> fields = new ArrayList<>();
        meta.get("node_fields").forEach(f -> fields.add(f.asText()));
        List<String> types = new ArrayList<>();
        meta.get("node_types").get(0).forEach(f -> types.add(f.asText()));
        int width = fields.size(), typeAt = fields.indexOf("type"), nameAt = fields.indexOf("name"),
                sizeAt = fields.indexOf("self_size");
        JsonNode nodes = snap.get("nodes");
        JsonNode strings = snap.get("strings");
        Map<String, long[]> out = new HashMap<>();
        for (int i = 0; i + width <= nodes.size(); i += width) {
            String type = types.get(nodes.get(i + typeAt).asInt());
            String key = NAMELESS.contains(type) ? "(" + type + ")" : type + " " + name(strings.get(nodes.get(i + nameAt).asInt()).asText());
            long[] v = out.computeIfAbsent(key, k -> new long[2]);
            v[0]++;
            v[1] += nodes.get(i + sizeAt).asLong();
        }
        return new HeapCensus(out);
    }

    /** Node types whose names are their contents (too many distinct keys to be useful). */
    private static final java.util.Set<String> NAMELESS = java.util.Set.of("string", "number", "concatenated string",
            "sliced string", "bigint", "symbol", "array");

    /** A node name as a key: snapshot ids ({@code @123}) and long names cut, so like objects share one key. */
    private static String name(String n) {
        String k = n.replaceAll(" @\\d+", "");
        return k.length() > 60 ? k.substring(0, 60) + "…" : k;
    }

    /** Collects the snapshot chunks until the reply to the snapshot command (id 3) arrives. */
    private static final class Collector implements WebSocket.Listener {
        final StringBuilder snapshot = new StringBuilder();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(message.toString());
                    if ("HeapProfiler.addHeapSnapshotChunk".equals(m.path("method").asText())) {
                        snapshot.append(m.at("/params/chunk").asText());
                    } else if (m.path("id").asInt() == 3) {
                        done.complete(null);
                    } else if (m.has("error")) {
                        done.completeExceptionally(new IOException("DevTools: " + m.get("error")));
                    }
                } catch (IOException e) {
                    done.completeExceptionally(e);
                }
                message.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            done.completeExceptionally(error);
        }
    }
}
