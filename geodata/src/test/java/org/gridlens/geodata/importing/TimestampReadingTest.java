package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The importer's timestamp reading, whose common form skips the formatter: same results as before. */
class TimestampReadingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-05-01 08:30|2026-05-01T08:30+08:00",
            "2026-05-01 08:30:59|2026-05-01T08:30:59+08:00",
            "2026-05-01T08:30:59|2026-05-01T08:30:59+08:00",
            "2026-05-01 08:30:59.250|2026-05-01T08:30:59.250+08:00",
            "2026-05-01T00:30:00Z|2026-05-01T08:30+08:00",
            "2026-05-01T08:30:00-02:00|2026-05-01T18:30+08:00",
            "2026/5/1 8:30|2026-05-01T08:30+08:00",
            "2026-05-01|2026-05-01T00:00+08:00",
            "2024-02-29 23:59:59|2024-02-29T23:59:59+08:00"})
    void the_accepted_forms_read_as_china_standard_time_unless_they_carry_an_offset(String text, String expected) {
        assertThat(RowValidator.timestamp(text)).isEqualTo(OffsetDateTime.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01 08:30", "2026-05-01 25:30", "2026-05-01 08:60:00", "2026-0a-01 08:30", "yesterday",
            "2026-05-01 08:30:5", "", "20260501 0830"})
    void malformed_or_impossible_values_are_refused(String text) {
        assertThatThrownBy(() -> RowValidator.timestamp(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30 10:00", "2026-04-31 10:00:00"})
    void a_day_past_the_end_of_its_month_is_resolved_as_the_formatter_always_did(String text) {
        OffsetDateTime read = RowValidator.timestamp(text);
        assertThat(read.getDayOfMonth()).isEqualTo(read.toLocalDate().lengthOfMonth());
    }
}
