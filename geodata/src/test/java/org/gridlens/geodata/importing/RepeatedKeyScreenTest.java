package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedKeyScreenTest {

    @Test
    void distinct_keys_never_look_repeated_however_many_and_however_alike() {
        RepeatedKeyScreen screen = new RepeatedKeyScreen();
        for (int i = 0; i < 300_000; i++) {
            screen.add("hotline/B" + i);
            screen.add("hotline/b" + i); // differs only in case
            screen.add("hotline/B" + i + " "); // only in a trailing space
        }
        screen.add("");

        assertThat(screen.mayRepeat()).isFalse();
    }

    @Test
    void a_key_seen_twice_anywhere_in_the_file_is_a_possible_repeat_and_stays_one() {
        RepeatedKeyScreen screen = new RepeatedKeyScreen();
        for (int i = 0; i < 10_000; i++) {
            screen.add("camera/" + i);
        }
        screen.add("camera/17");
        screen.add("camera/new");

        assertThat(screen.mayRepeat()).isTrue();
    }

    @Test
    void a_missing_key_counts_as_a_possible_repeat_so_the_exact_check_runs() {
        RepeatedKeyScreen screen = new RepeatedKeyScreen();
        screen.add("a");
        screen.add(null);

        assertThat(screen.mayRepeat()).isTrue();
    }

    @Test
    void beyond_its_key_limit_the_screen_stops_recording_and_leaves_the_decision_to_the_exact_check() {
        RepeatedKeyScreen screen = new RepeatedKeyScreen();
        for (int i = 0; i < RepeatedKeyScreen.MAX_KEYS; i++) {
            screen.add(Integer.toString(i));
        }
        assertThat(screen.mayRepeat()).as("at the limit, all distinct").isFalse();

        screen.add("one more, distinct");

        assertThat(screen.mayRepeat()).isTrue();
    }

    @Test
    void the_hash_is_never_the_empty_slot_marker_and_tells_near_keys_apart() {
        assertThat(RepeatedKeyScreen.hash("")).isNotZero();
        assertThat(RepeatedKeyScreen.hash("ab")).isNotEqualTo(RepeatedKeyScreen.hash("ba"));
        assertThat(RepeatedKeyScreen.hash("源/1")).isNotEqualTo(RepeatedKeyScreen.hash("源/2"));
    }
}
