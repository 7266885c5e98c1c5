package org.gridlens.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wire form every display's stream writes is the SSE text of the event, built once. */
class ServerEventTest {

    @Test
    void the_frame_is_the_events_sse_text_in_utf8() {
        ServerEvent e = new ServerEvent(1_764_000_000_000_001L, "incident.created", "{\"id\":7,\"grid\":\"东区\"}", 0);
        assertThat(new String(e.frame(), StandardCharsets.UTF_8))
                .isEqualTo("id: 1764000000000001\nevent: incident.created\ndata: {\"id\":7,\"grid\":\"东区\"}\n\n");
    }

    @Test
    void events_that_would_break_the_stream_are_refused() {
        assertThatThrownBy(() -> new ServerEvent(1, "incident.created", "{}\ndata: forged", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerEvent(1, "incident.created\nevent: x", "{}", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerEvent(1, "incident.created", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerEvent(1, "incident.created", "{}\r", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
