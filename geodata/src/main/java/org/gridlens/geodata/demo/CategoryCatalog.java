package org.gridlens.geodata.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The minor categories (level 2) the demo draws incidents and components from, read from the V2
 * migration itself so generator and database can never disagree. Relies on that file's documented
 * one-tuple-per-line layout.
 */
final class CategoryCatalog {

    static final String MIGRATION = "/db/migration/V2__code_lists.sql";
    private static final Pattern ROW = Pattern.compile(
            "^\\('([^']+)', '(event|component|service)', 2, '([^']+)', '([^']+)', '[^']*', (\\d+)\\)[,;]\\s*$");

    record Category(String code, String kind, String parent, String nameZh, int timeLimitHours) {
    }

    private CategoryCatalog() {
    }

    static List<Category> minorCategories() {
        try (InputStream in = CategoryCatalog.class.getResourceAsStream(MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException("missing " + MIGRATION);
            }
            List<Category> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    out.add(new Category(m.group(1), m.group(2), m.group(3), m.group(4), Integer.parseInt(m.group(5))));
                }
            }
            if (out.size() < 20) {
                throw new IllegalStateException("could not read minor categories from " + MIGRATION);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
