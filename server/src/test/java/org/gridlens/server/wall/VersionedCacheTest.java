package org.gridlens.server.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache's rules with a hand-driven data version and clock: no database, no waiting. */
class VersionedCacheTest {

    static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    final AtomicLong version = new AtomicLong(7);
    final MutableClock clock = new MutableClock(T0);
    final VersionedCache cache = new VersionedCache(version::get, clock, 4);
    final AtomicInteger computed = new AtomicInteger();

    VersionedCache.Stable<String> answer(Instant until) {
        return new VersionedCache.Stable<>("answer " + computed.incrementAndGet(), until);
    }

    @Test
    void an_answer_is_computed_once_while_neither_version_nor_clock_moved() throws Exception {
        String a = cache.get("k", () -> answer(Instant.MAX));
        assertThat(cache.get("k", () -> answer(Instant.MAX))).isSameAs(a);
        assertThat(computed).hasValue(1);
        assertThat(cache.get("other", () -> answer(Instant.MAX))).isEqualTo("answer 2");
    }

    @Test
    void a_new_data_version_computes_afresh() throws Exception {
        cache.get("k", () -> answer(Instant.MAX));
        version.incrementAndGet();
        assertThat(cache.get("k", () -> answer(Instant.MAX))).isEqualTo("answer 2");
        assertThat(cache.get("k", () -> answer(Instant.MAX))).isEqualTo("answer 2");
    }

    @Test
    void an_answer_expires_at_the_instant_its_computation_named_and_not_before() throws Exception {
        cache.get("k", () -> answer(T0.plusSeconds(60)));
        clock.now = T0.plusSeconds(59);
        assertThat(cache.get("k", () -> answer(Instant.MAX))).isEqualTo("answer 1");
        clock.now = T0.plusSeconds(60);
        assertThat(cache.get("k", () -> answer(Instant.MAX))).isEqualTo("answer 2");
    }

    @Test
    void an_answer_stable_until_an_instant_already_past_is_never_served_again() throws Exception {
        cache.get("k", () -> answer(Instant.EPOCH));
        assertThat(cache.get("k", () -> answer(Instant.EPOCH))).isEqualTo("answer 2");
    }

    @Test
    void an_entry_computed_at_a_newer_version_serves_a_request_that_read_an_older_one() throws Exception {
        version.set(9);
        cache.get("k", () -> answer(Instant.MAX));
        version.set(8);      // a request that read the version before the last commit
        assertThat(cache.get("k", () -> answer(Instant.MAX))).isEqualTo("answer 1");
    }

    @Test
    void a_failed_computation_throws_its_sql_exception_and_caches_nothing() throws Exception {
        SQLException boom = new SQLException("connection refused", "08001");
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(cache.get("k", () -> answer(Instant.MAX))).isEqualTo("answer 1");
    }

    @Test
    void no_more_keys_than_the_bound_are_kept() throws Exception {
        for (int i = 0; i < 100; i++) {
            int n = i;
            cache.get("k" + n, () -> answer(Instant.MAX));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(4);
    }

    /** A clock the test sets by hand. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
