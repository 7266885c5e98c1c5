package org.gridlens.geodata.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReadOnlyRoleTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("readonly").seededWith(RegionFixture::insert);

    @Test
    void the_read_pool_reads_but_every_write_fails() throws Exception {
        try (Connection c = db.database().readOnly().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), current_user FROM region")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
                assertThat(rs.getString(2)).isEqualTo("gridlens_reader");
            }
            assertThatThrownBy(() -> s.execute("UPDATE region SET name = 'x'")).hasMessageContaining("read-only");
            s.execute("RESET ROLE");
            s.execute("SET default_transaction_read_only = off");
            assertThatThrownBy(() -> s.execute("DELETE FROM region")).hasMessageContaining("permission denied");
        }
        try (Connection c = db.database().readOnly().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM api_token")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void passwords_and_tokens_are_stored_only_as_hashes_and_tokens_expire_and_revoke() throws Exception {
        CredentialStore store = new CredentialStore(db.dataSource());
        store.putUser("planner.li", "correct horse battery", EnumSet.of(Role.PLANNER));
        assertThat(store.checkPassword("planner.li", "correct horse battery")).get()
                .extracting(Principal::roles).isEqualTo(java.util.Set.of(Role.PLANNER));
        assertThat(store.checkPassword("planner.li", "wrong password!!")).isEmpty();
        CredentialStore.Issued t = store.issueToken("kiosk", EnumSet.of(Role.WALL), Duration.ofDays(1), "test");
        CredentialStore.Issued expired = store.issueToken("old", EnumSet.of(Role.WALL), Duration.ofSeconds(-1), "test");
        assertThat(store.checkToken(t.secret())).isPresent();
        assertThat(store.checkToken(expired.secret())).isEmpty();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_hash FROM app_user UNION ALL SELECT encode(token_hash,'hex') FROM api_token")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).doesNotContain("correct horse").doesNotContain(t.secret());
            }
        }
        assertThat(store.revokeToken(t.id())).isTrue();
        assertThat(store.checkToken(t.secret())).isEmpty();
    }

    @Test
    void the_audit_log_is_append_only_and_queryable() throws Exception {
        AuditLog audit = new AuditLog(db.dataSource());
        audit.recordOrThrow("steward.wang", "export", "resident", "ok", "127.0.0.1", Map.of("rows", 12));
        assertThat(audit.query("steward.wang", null, Instant.EPOCH, Instant.now().plusSeconds(5), 10))
                .singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("rows", 12));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE audit_log SET actor = 'someone else'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_log")).hasMessageContaining("append-only");
        }
    }
}
