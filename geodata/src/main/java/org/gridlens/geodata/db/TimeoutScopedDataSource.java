package org.gridlens.geodata.db;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool seen through the calling thread's {@link StatementTimeouts}: a connection taken while a scope
 * with a timeout other than the pool's default is active gets that timeout for its session, and the
 * default back when it is returned, so the next borrower never inherits it.
 *
 * <p>Outside a scope, or when the scope asks for the default, connections are handed out untouched
 * (no extra round trip). The driver's socket timeout follows the statement timeout (30 s beyond it), so
 * a longer class is not cut off by the socket and a dead database still never holds a thread for
 * longer. {@link #unwrap} reaches the underlying pool.
 */
final class TimeoutScopedDataSource implements DataSource {

    static final int SOCKET_MARGIN_SECONDS = 30;
    private static final String SET = "SELECT set_config('statement_timeout', ?, false)";
    private final DataSource pool;
    private final Duration poolDefault;

    TimeoutScopedDataSource(DataSource pool, Duration poolDefault) {
        this.pool = pool;
        this.poolDefault = poolDefault;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(pool.getConnection(username, password));
    }

    private Connection scoped(Connection c) throws SQLException {
        Duration wanted = StatementTimeouts.current();
        if (wanted == null || wanted.equals(poolDefault)) {
            return c;
        }
        try {
            set(c, wanted);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new RestoringHandler(c));
    }

    /** Sets the session's statement timeout, and the driver's socket timeout to 30 s beyond it. */
    private static void set(Connection c, Duration timeout) throws SQLException {
        c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeout.plusSeconds(SOCKET_MARGIN_SECONDS).toMillis()));
        boolean auto = c.getAutoCommit();
        try (PreparedStatement ps = c.prepareStatement(SET)) {
            ps.setString(1, timeout.toMillis() + "ms");
            ps.execute();
        }
        if (!auto) {
            c.commit(); // a session setting made inside a transaction would be undone by its rollback
        }
    }

    /** Puts the pool's default back before the connection returns to the pool. */
    private final class RestoringHandler implements InvocationHandler {
        private final Connection target;
        private boolean closed;

        RestoringHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                if (!closed) {
                    closed = true;
                    restoreAndClose();
                }
                return null;
            }
            if (method.getName().equals("isClosed") && method.getParameterCount() == 0 && closed) {
                return true;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void restoreAndClose() throws SQLException {
            try {
                if (!target.isClosed()) {
                    if (!target.getAutoCommit()) {
                        target.rollback(); // what the pool would do anyway; lets the reset run
                    }
                    set(target, poolDefault);
                }
            } catch (SQLException e) {
                // A connection whose setting cannot be restored must not be reused by anyone.
                if (pool instanceof HikariDataSource hikari) {
                    hikari.evictConnection(target);
                    return;
                }
            }
            target.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(pool) ? iface.cast(pool) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(pool) || pool.isWrapperFor(iface);
    }
}
