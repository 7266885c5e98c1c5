package org.gridlens.server.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The wall's views, layouts and timers as JSON, so a wall is rearranged without code: the built-in
 * {@code wall-config.json} unless a file is configured ({@code wall.config-file}).
 *
 * <p>The file is read and checked at start-up (a malformed file stops the server with a message naming
 * it) and again on each request when it has changed, so an operator can edit it on a live wall; an edit
 * that breaks it keeps the last good version and is reported in the answer's {@code warning} header.
 */
public final class WallConfigSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Optional<Path> file;
    private byte[] current;
    private long modified;
    private String warning;

    public WallConfigSource(Optional<Path> file) {
        this.file = file;
        if (file.isPresent()) {
            try {
                this.modified = Files.getLastModifiedTime(file.get()).toMillis();
                this.current = checked(Files.readAllBytes(file.get()), file.get().toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("wall.config-file " + file.get() + " cannot be read: " + e.getMessage());
            }
        } else {
            try (InputStream in = WallConfigSource.class.getResourceAsStream("wall-config.json")) {
                this.current = checked(in.readAllBytes(), "built-in wall-config.json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The current config bytes (valid JSON with a non-empty {@code views} array and a {@code layouts} object). */
    public synchronized byte[] json() {
        if (file.isPresent()) {
            try {
                long m = Files.getLastModifiedTime(file.get()).toMillis();
                if (m != modified) {
                    modified = m;
                    current = checked(Files.readAllBytes(file.get()), file.get().toString());
                    warning = null;
                }
            } catch (IOException | IllegalArgumentException e) {
                warning = "wall config file unreadable or invalid; serving the last good version";
            }
        }
        return current;
    }

    /**
     * The config's {@code coverage} entry (facility type, reach in metres, population group) with the
     * built-in defaults for what it leaves out: what the wall's coverage-gaps panel and layer show.
     */
    public WallCoverage coverage() {
        try {
            return coverageOf(JSON.readTree(json()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WallCoverage coverageOf(JsonNode root) {
        JsonNode c = root.path("coverage");
        return new WallCoverage(c.path("type").asText(WallCoverage.DEFAULT.type()),
                c.path("reach").asDouble(WallCoverage.DEFAULT.reachM()), c.path("group").asText(WallCoverage.DEFAULT.group()));
    }

    /** Why the served config is not the file's current content, or null. */
    public synchronized String warning() {
        return warning;
    }

    static byte[] checked(byte[] bytes, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("views").isArray() || root.path("views").isEmpty()) {
            throw new IllegalArgumentException(what + " needs a non-empty \"views\" array");
        }
        if (!root.path("layouts").isObject() || root.path("layouts").isEmpty()) {
            throw new IllegalArgumentException(what + " needs a non-empty \"layouts\" object");
        }
        for (JsonNode layout : root.path("layouts")) {
            if (layout.path("width").asInt(0) < 640 || layout.path("height").asInt(0) < 360) {
                throw new IllegalArgumentException(what + ": every layout needs width >= 640 and height >= 360");
            }
        }
        try {
            coverageOf(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": coverage: " + e.getMessage());
        }
        return bytes;
    }
}
