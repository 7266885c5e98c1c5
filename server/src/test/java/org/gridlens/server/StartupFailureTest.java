package org.gridlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up failures end the process with one clear message and a non-zero exit code. */
class StartupFailureTest {

    private static Result run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), err);
    }

    record Result(int exit, String stderr) {
    }

    @Test
    void an_unreachable_database_exits_1_with_one_clear_error() throws Exception {
        Result r = run("serve", "--db.url=jdbc:postgresql://127.0.0.1:1/gridlens", "--http.port=0",
                "--db.connection-timeout-ms=1000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridlens: cannot reach or migrate the database at jdbc:postgresql://127.0.0.1:1/gridlens");
        assertThat(r.stderr().lines().filter(l -> l.startsWith("gridlens:")).count()).isEqualTo(1);
    }

    @Test
    void a_bad_option_exits_2_naming_it() throws Exception {
        Result r = run("serve", "--htp.port=1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("unknown option --htp.port");
    }
}
