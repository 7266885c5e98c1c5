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

    // ------------------------------------------------------------ answers up to maxAge old

    final java.util.List<Runnable> background = new java.util.ArrayList<>();
    final VersionedCache recent = new VersionedCache(version::get, clock, 4, java.time.Duration.ofSeconds(30), background::add);

    /** Runs the background computations queued so far, as the refresher thread would. */
    void runBackground() {
        java.util.List<Runnable> now = new java.util.ArrayList<>(background);
        background.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void a_current_answer_is_served_as_of_the_request_and_marked_current() throws Exception {
        recent.answer("k", () -> answer(Instant.MAX));
        clock.now = T0.plusSeconds(100);
        VersionedCache.Answer<String> a = recent.answer("k", () -> answer(Instant.MAX));
        assertThat(a.value()).isEqualTo("answer 1");
        assertThat(a.current()).isTrue();
        assertThat(a.asOf()).isEqualTo(T0.plusSeconds(100));
        assertThat(background).isEmpty();
    }

    @Test
    void after_a_change_the_kept_answer_is_served_at_once_with_its_age_and_one_fresh_computation_starts() throws Exception {
        recent.answer("k", () -> answer(Instant.MAX));
        clock.now = T0.plusSeconds(10);
        recent.answer("k", () -> answer(Instant.MAX));             // confirmed current at T0 + 10 s
        version.incrementAndGet();
        clock.now = T0.plusSeconds(25);
        VersionedCache.Answer<String> stale = recent.answer("k", () -> answer(Instant.MAX));
        VersionedCache.Answer<String> again = recent.answer("k", () -> answer(Instant.MAX));
        assertThat(stale.value()).isEqualTo("answer 1");
        assertThat(stale.current()).isFalse();
        assertThat(stale.asOf()).isEqualTo(T0.plusSeconds(10));
        assertThat(again).isEqualTo(stale);
        assertThat(computed).as("nothing computed on the request path").hasValue(1);
        assertThat(background).as("one background computation for both requests").hasSize(1);
        runBackground();
        VersionedCache.Answer<String> fresh = recent.answer("k", () -> answer(Instant.MAX));
        assertThat(fresh.value()).isEqualTo("answer 2");
        assertThat(fresh.current()).isTrue();
        assertThat(fresh.asOf()).isEqualTo(T0.plusSeconds(25));
    }

    @Test
    void an_answer_last_current_more_than_max_age_ago_is_not_served_the_request_computes_afresh() throws Exception {
        recent.answer("k", () -> answer(Instant.MAX));
        version.incrementAndGet();
        clock.now = T0.plusSeconds(31);
        VersionedCache.Answer<String> a = recent.answer("k", () -> answer(Instant.MAX));
        assertThat(a.value()).isEqualTo("answer 2");
        assertThat(a.current()).isTrue();
        assertThat(a.asOf()).isEqualTo(T0.plusSeconds(31));
        assertThat(background).isEmpty();
    }

    @Test
    void a_passed_deadline_is_treated_as_a_change_the_kept_answer_serves_within_max_age_only() throws Exception {
        recent.answer("k", () -> answer(T0.plusSeconds(5)));
        clock.now = T0.plusSeconds(6);
        VersionedCache.Answer<String> a = recent.answer("k", () -> answer(Instant.MAX));
        assertThat(a.current()).isFalse();
        assertThat(a.asOf()).isEqualTo(T0);
        assertThat(background).hasSize(1);
    }

    @Test
    void a_failed_background_computation_keeps_the_old_answer_and_the_next_request_tries_again() throws Exception {
        recent.answer("k", () -> answer(Instant.MAX));
        version.incrementAndGet();
        clock.now = T0.plusSeconds(5);
        recent.answer("k", () -> {
            throw new SQLException("statement timeout", "57014");
        });
        runBackground();
        VersionedCache.Answer<String> a = recent.answer("k", () -> answer(Instant.MAX));
        assertThat(a.value()).isEqualTo("answer 1");
        assertThat(a.current()).isFalse();
        assertThat(background).as("tried again").hasSize(1);
        runBackground();
        assertThat(recent.answer("k", () -> answer(Instant.MAX)).value()).isEqualTo("answer 2");
    }

    @Test
    void without_a_max_age_an_answer_is_always_current() throws Exception {
        VersionedCache exact = new VersionedCache(version::get, clock, 4, java.time.Duration.ZERO, background::add);
        exact.answer("k", () -> answer(Instant.MAX));
        version.incrementAndGet();
        clock.now = T0.plusSeconds(1);
        VersionedCache.Answer<String> a = exact.answer("k", () -> answer(Instant.MAX));
        assertThat(a.value()).isEqualTo("answer 2");
        assertThat(a.current()).isTrue();
        assertThat(background).isEmpty();
    }

    @Test
    void concurrent_requests_for_a_missing_answer_compute_it_once() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        VersionedCache.Computation<String> slow = () -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer(Instant.MAX);
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> recent.answer("k", slow));
            assertThat(entered.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var second = new java.util.concurrent.atomic.AtomicReference<Thread>();
            var other = pool.submit(() -> {
                second.set(Thread.currentThread());
                return recent.answer("k", slow);
            });
            // The second request waits on the key (blocked), not in a computation of its own.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while ((second.get() == null || second.get().getState() == Thread.State.RUNNABLE) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertThat(first.get(60, java.util.concurrent.TimeUnit.SECONDS).value()).isEqualTo("answer 1");
            assertThat(other.get(60, java.util.concurrent.TimeUnit.SECONDS).value()).isEqualTo("answer 1");
            assertThat(computed).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
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
