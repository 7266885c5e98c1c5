package org.gridlens.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportTimeParserTest {

    /** What the formatter says about a string: its instant, or the class of its refusal. */
    private static Object formatter(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return DateTimeParseException.class;
        }
    }

    private static Object parser(String s) {
        try {
            return ReportTimeParser.parse(s);
        } catch (DateTimeParseException e) {
            return DateTimeParseException.class;
        }
    }

    @Test
    void theCommonShapesGiveTheFormattersInstantsWithoutTheFormatter() {
        for (String s : List.of("2026-11-26T10:00:00+08:00", "2026-11-26T02:00:00Z", "2026-11-26T10:00:00.5+08:00",
                "2026-11-26T10:00:00.123456789-05:30", "2024-02-29T23:59:59+18:00", "2000-01-01T00:00:00-18:00",
                "1999-12-31T23:59:59.000001Z", "2026-11-26T10:00:00-00:00")) {
            assertThat(ReportTimeParser.common(s)).as(s).isNotNull().isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void otherAcceptedFormsStillParseThroughTheFormatter() {
        for (String s : List.of("2026-11-26T10:00+08:00", "2026-11-26t10:00:00z", "2026-11-26T10:00:00+08:00:30",
                "+12026-11-26T10:00:00Z", "2026-11-26T10:00:00.Z")) {
            assertThat(parser(s)).as(s).isEqualTo(formatter(s));
        }
    }

    @Test
    void impossibleOrMalformedTimesAreRefusedAsTheFormatterRefusesThem() {
        for (String s : List.of("", "2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-26T24:00:00Z",
                "2026-11-26T10:60:00Z", "2026-11-26T10:00:60Z", "2026-11-26T10:00:00+19:00", "2026-11-26T10:00:00+18:30",
                "2026-11-26T10:00:00.1234567890Z", "2026-11-26T10:00:00", "2026-11-26 10:00:00Z", "２０２６-11-26T10:00:00Z",
                "2026-11-26T10:00:00+0800", "2026-11-26T10:00:00+08:00 ", "2026-11-26T10:00:00ZZ", "2026-1-26T10:00:00Z",
                "abcd-ef-ghTij:kl:mnZ", "2026-11-26T10:00:00+08:0x", "2026-11-26T-1:00:00Z")) {
            assertThat(parser(s)).as(s).isEqualTo(formatter(s));
        }
        assertThatThrownBy(() -> ReportTimeParser.parse("2026-02-30T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void randomTimesAndTheirMutationsAgreeWithTheFormatter() {
        Random random = new Random(7);
        String alphabet = "0123456789-:T.Z+z ";
        for (int k = 0; k < 20_000; k++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 5_000_000_000L), random.nextInt(1_000_000_000));
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String s = OffsetDateTime.ofInstant(t, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
            assertThat(parser(s)).as(s).isEqualTo(formatter(s));
            char[] c = s.toCharArray();
            c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String mutated = new String(c);
            assertThat(parser(mutated)).as(mutated).isEqualTo(formatter(mutated));
        }
    }
}
