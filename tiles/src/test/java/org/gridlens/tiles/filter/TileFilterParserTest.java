package org.gridlens.tiles.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileFilterParserTest {

    final AtomicInteger lookups = new AtomicInteger();
    final TileFilterParser parser = new TileFilterParser(c -> {
        lookups.incrementAndGet();
        return Set.of("0101", "0102", "C0101").contains(c);
    }, Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));

    static Map<String, List<String>> q(String... kv) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    @Test
    void equivalent_filters_normalise_to_equal_values_and_one_canonical_query_string() {
        TileFilter a = parser.parse(q("category", "0102,0101,0102", "status", "closed", "from", "2026-01-01", "to", "2026-02-01"));
        TileFilter b = parser.parse(q("to", "2026-02-01", "from", "2026-01-01", "status", "closed", "category", "0101,0102"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.queryString()).isEqualTo("from=2026-01-01&to=2026-02-01&category=0101,0102&status=closed");
        assertThat(parser.parse(Map.of())).isEqualTo(TileFilter.NONE);
    }

    @Test
    void tomorrow_in_the_district_time_zone_is_the_latest_day_accepted() {
        // 20:00 UTC on 26 Nov is 04:00 on 27 Nov in Asia/Shanghai: tomorrow there is 28 Nov.
        assertThat(parser.parse(q("from", "2026-11-01", "to", "2026-11-28")).to()).contains(LocalDate.of(2026, 11, 28));
        assertThatThrownBy(() -> parser.parse(q("from", "2026-11-01", "to", "2026-11-29"))).hasMessageContaining("tomorrow");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "from=1926-01-01&to=2026-01-01|1990-01-01",
        "from=2020-01-01&to=2026-01-01|longer than",
        "from=2020-01-01|longer than",
        "to=2026-01-01|needs a 'from'",
        "from=2026-01-02&to=2026-01-02|before",
        "from=2026-13-01|calendar date",
        "from=26-1-1|yyyy-MM-dd",
        "category=0101;0102|malformed",
        "category=9999|unknown category",
        "status=open|unknown status",
        "source=wechat|unknown source",
        "page=2|unknown query parameter 'page'",
        "category=|malformed"})
    void bad_filters_are_refused_with_a_reason(String query, String reason) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            m.put(p[0], List.of(p.length > 1 ? p[1] : ""));
        }
        assertThatThrownBy(() -> parser.parse(m)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void thousands_of_categories_are_refused_before_the_allow_list_is_asked() {
        String many = String.join(",", Collections.nCopies(5000, "0101"));
        assertThatThrownBy(() -> parser.parse(q("category", many))).hasMessageContaining("at most 50");
        assertThatThrownBy(() -> parser.parse(q("status", "closed", "status", "reported"))).hasMessageContaining("more than once");
        assertThat(lookups).hasValue(0);
    }
}
