package org.gridlens.geodata.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The binary COPY reader on streams built byte by byte, including broken and hostile ones. */
class BinaryCopyReaderTest {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    @Test
    void readsRowsOfEveryTypeAndNumbersRepeatedCodesInOrderOfFirstAppearance() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = header(bytes, 4);
        out.write(new byte[] {1, 2, 3, 4}); // a header extension, skipped
        String[] codes = {"0404", "0101", "0404", "城东", "0101"};
        for (int i = 0; i < codes.length; i++) {
            out.writeShort(5);
            out.writeInt(8);
            out.writeLong(1_000_000_000_000L + i);
            byte[] text = codes[i].getBytes(StandardCharsets.UTF_8);
            out.writeInt(text.length);
            out.write(text);
            out.writeInt(8);
            out.writeLong(-946_684_800_000_000L + i); // micros since 2000-01-01 UTC
            out.writeInt(8);
            out.writeDouble(-i * 1.5);
            out.writeInt(2);
            out.writeShort(-i);
        }
        out.writeShort(-1);
        BinaryCopyReader.Codes numbers = new BinaryCopyReader.Codes();
        // a stream that hands out one byte at a time forces every refill path
        try (BinaryCopyReader r = new BinaryCopyReader(trickle(bytes.toByteArray()))) {
            for (int i = 0; i < codes.length; i++) {
                assertThat(r.nextRow(5)).isTrue();
                assertThat(r.int8()).isEqualTo(1_000_000_000_000L + i);
                int code = r.code(numbers);
                assertThat(numbers.names()[code]).isEqualTo(codes[i]);
                assertThat(r.timestamptzMicros()).as("unix micros").isEqualTo(i);
                assertThat(r.float8()).isEqualTo(-i * 1.5);
                assertThat(r.int2()).isEqualTo((short) -i);
            }
            assertThat(r.nextRow(5)).isFalse();
        }
        assertThat(numbers.names()).containsExactly("0404", "0101", "城东");
    }

    @Test
    void manyDistinctCodesKeepTheirNumbersAcrossTableGrowth() throws IOException {
        BinaryCopyReader.Codes numbers = new BinaryCopyReader.Codes();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5000; i++) {
                byte[] b = ("code-" + i).getBytes(StandardCharsets.UTF_8);
                assertThat(numbers.number(b, 0, b.length)).isEqualTo(i);
            }
        }
        assertThat(numbers.size()).isEqualTo(5000);
    }

    @Test
    void aStreamThatIsNotBinaryCopyIsRefused() {
        assertThatThrownBy(() -> new BinaryCopyReader(new ByteArrayInputStream("id,name\n1,a\n".repeat(3).getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> new BinaryCopyReader(new ByteArrayInputStream(new byte[] {'P', 'G'})))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aRowOfAnotherShapeANullOrATruncatedRowFailsInsteadOfMisreading() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = header(bytes, 0);
        out.writeShort(2);
        out.writeInt(4); // an int4 where an int8 is expected
        out.writeInt(7);
        out.writeInt(-1); // NULL
        out.writeShort(1);
        out.writeInt(8);
        out.writeInt(1); // half an int8, then the stream ends
        try (BinaryCopyReader r = new BinaryCopyReader(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThatThrownBy(() -> r.nextRow(3)).hasMessageContaining("2 fields, expected 3");
        }
        try (BinaryCopyReader r = new BinaryCopyReader(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(r.nextRow(2)).isTrue();
            assertThatThrownBy(r::int8).hasMessageContaining("4 bytes, expected 8");
        }
        try (BinaryCopyReader r = new BinaryCopyReader(new ByteArrayInputStream(bytes.toByteArray()))) {
            r.nextRow(2);
            assertThat(r.int4()).isEqualTo(7);
            assertThatThrownBy(() -> r.code(new BinaryCopyReader.Codes())).hasMessageContaining("NULL");
            assertThat(r.nextRow(1)).isTrue();
            assertThatThrownBy(r::int8).isInstanceOf(EOFException.class);
        }
    }

    private static DataOutputStream header(ByteArrayOutputStream bytes, int extension) throws IOException {
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(extension);
        return out;
    }

    private static InputStream trickle(byte[] data) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                b[off] = data[pos++];
                return 1;
            }
        };
    }
}
