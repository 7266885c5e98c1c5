package org.gridlens.server;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseProvisioner;
import org.gridlens.geodata.db.ProvisionedDatabase;
import org.gridlens.geodata.security.AuditLog;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.security.Role;
import org.gridlens.geodata.security.Secrets;
import org.gridlens.server.config.GridLensConfig;

/**
 * The {@code user} and {@code token} commands, and the demo's kiosk token and admin login. Secrets are
 * printed once and stored only as hashes; every change is written to the audit log as actor {@code cli}.
 */
final class Accounts {

    /** What the demo prints so a newcomer can open the wall and sign in. */
    record Demo(String wallToken, String adminPassword) {
    }

    private Accounts() {
    }

    /** A fresh kiosk token (the previous demo token is revoked) and a fresh admin password. */
    static Demo demoAccess(Database database) {
        try {
            CredentialStore store = new CredentialStore(database.dataSource());
            store.revokeTokensNamed("demo-wall");
            String token = store.issueToken("demo-wall", EnumSet.of(Role.WALL), Duration.ofDays(30), "demo").secret();
            String password = Secrets.newPassword();
            store.putUser("admin", password, EnumSet.of(Role.ADMIN));
            new AuditLog(database.dataSource()).record("cli", "demo.access", "admin", "ok", null, Map.of());
            return new Demo(token, password);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not prepare demo access: " + e.getMessage(), e);
        }
    }

    /** {@code user add NAME --roles=…}: roles come from the flag-free positional form {@code roles=…}. */
    static void user(GridLensConfig config, List<String> args) {
        if (args.size() != 3 || !args.get(0).equals("add") || !args.get(2).startsWith("roles=")) {
            throw new IllegalArgumentException("usage: gridlens user add NAME roles=planner,manager");
        }
        String name = args.get(1);
        if (!name.matches("[a-z][a-z0-9._-]{1,63}")) {
            throw new IllegalArgumentException("user names are lower-case letters, digits, . _ - (2..64)");
        }
        var roles = Role.parseList(args.get(2).substring("roles=".length()));
        withDatabase(config, db -> {
            String password = Secrets.newPassword();
            new CredentialStore(db.dataSource()).putUser(name, password, roles);
            new AuditLog(db.dataSource()).record("cli", "user.put", name, "ok", null, Map.of("roles", roles.toString()));
            System.out.println("user '" + name + "' password: " + password);
        });
    }

    /** {@code token create NAME roles=… [days=N]} or {@code token revoke ID}. */
    static void token(GridLensConfig config, List<String> args) {
        if (args.size() >= 3 && args.get(0).equals("create") && args.get(2).startsWith("roles=")) {
            String name = args.get(1);
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("token names are letters, digits, . _ - (1..64)");
            }
            var roles = Role.parseList(args.get(2).substring("roles=".length()));
            int days = args.size() > 3 && args.get(3).matches("days=\\d{1,4}") ? Integer.parseInt(args.get(3).substring(5)) : 365;
            withDatabase(config, db -> {
                var t = new CredentialStore(db.dataSource()).issueToken(name, roles, Duration.ofDays(days), "cli");
                new AuditLog(db.dataSource()).record("cli", "token.issue", "token:" + t.id(), "ok", null, Map.of("name", name));
                System.out.println("token " + t.id() + " (" + name + ", " + roles + ", " + days + " days): " + t.secret());
            });
            return;
        }
        if (args.size() == 2 && args.get(0).equals("revoke") && args.get(1).matches("\\d{1,9}")) {
            withDatabase(config, db -> {
                boolean done = new CredentialStore(db.dataSource()).revokeToken(Integer.parseInt(args.get(1)));
                new AuditLog(db.dataSource()).record("cli", "token.revoke", "token:" + args.get(1), done ? "ok" : "failed", null, Map.of());
                System.out.println(done ? "revoked" : "no live token with that id");
            });
            return;
        }
        throw new IllegalArgumentException("usage: gridlens token create NAME roles=wall[,…] [days=N] | gridlens token revoke ID");
    }

    private interface DbWork {
        void run(Database db) throws java.sql.SQLException;
    }

    private static void withDatabase(GridLensConfig config, DbWork work) {
        try (ProvisionedDatabase p = new DatabaseProvisioner(config.database()).provision();
             Database db = Database.open(p.target(), config.pool(), null)) {
            db.migrate();
            work.run(db);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
