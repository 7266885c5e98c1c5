package org.gridlens.server.hostile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Attack strings for every parameter that reaches SQL, a name lookup or a file path: classic SQL
 * injection, the published GeoServer/GeoTools proof-of-concept filters (CVE-2023-25157,
 * CVE-2024-36401), expression-engine and JNDI payloads, markup for reflected XSS, control characters,
 * absurd numbers, and each of those URL- and double-URL-encoded.
 */
final class HostileCorpus {

    private HostileCorpus() {
    }

    static final List<String> BASE = List.of(
            "' OR '1'='1", "1' OR '1'='1' --", "\" OR \"\"=\"", "1; DROP TABLE incident; --", "'; DELETE FROM region; --",
            "1 UNION SELECT password_hash FROM app_user --", "' UNION ALL SELECT NULL,NULL,NULL--", "1) OR (1=1",
            "' AND pg_sleep(5)--", "1;SELECT pg_sleep(5)", "$$ OR 1=1 $$", "E'\\x27'", "\\'; --", "%' --",
            "fid=\"1' OR '1'='1\"", "strStartsWith(NAME,'x''y')=true", "PropertyIsLike", "jsonArrayContains(x,'a''b')",
            "DWithin(geom,POINT(0 0),1e9,meters)", "exec(java.lang.Runtime.getRuntime(),'touch /tmp/pwned')",
            "java.lang.Runtime.getRuntime().exec('id')", "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "${7*7}", "{{7*7}}",
            "T(java.lang.Runtime).getRuntime().exec('id')", "//*[name()='x']", "count(/child::node())",
            "<svg onload=alert(1)>", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "file:///etc/passwd", "%00", "\u0000",
            "\r\nSet-Cookie: x=1", "\u202e", "𝟘", "٣", "NaN", "Infinity", "-Infinity", "1e308", "-1", "0", "-0",
            "99999999999999999999", "9223372036854775808", "0x7fffffff", "1.5", "[]", "{}", "null", "true",
            "a".repeat(5000), ",".repeat(300), "grid,".repeat(250), "\t", " ", "",
            "1' AND 1=CAST((SELECT current_user) AS int)--", "'||(SELECT version())||'", "1 OR 1=1", "admin'--",
            "'; COPY (SELECT '') TO PROGRAM 'id'; --", "'; CREATE EXTENSION dblink; --", "1; SET ROLE postgres; --",
            "0101' OR category_code LIKE '%", "630102' OR level <> 'grid", "2026-01-01' OR '1'='1", "2026-13-45",
            "9999-12-31", "0000-01-01", "1970-01-01T00:00:00Z", "-180,-90,180,90", "0,0,0,0", "1,2,3", "NaN,NaN,NaN,NaN",
            "101.8,36.6,101.9", "elderly_alone' --", "grid; DROP TABLE region", "${env:GRIDLENS_DB_PASSWORD}",
            "%{(#_='multipart/form-data')}", "<!--#exec cmd=\"id\" -->");

    /** The corpus with URL-encoded and double-encoded variants (at least 200 distinct strings). */
    static List<String> payloads() {
        Set<String> out = new LinkedHashSet<>(BASE);
        for (String s : BASE) {
            String once = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
            out.add(once);
            out.add(java.net.URLEncoder.encode(once, java.nio.charset.StandardCharsets.UTF_8));
            out.add(s.toUpperCase(java.util.Locale.ROOT));
        }
        return new ArrayList<>(out);
    }

    /** Paths that try to leave the static and tile roots (at least 50). */
    static List<String> traversals() {
        String[] ups = {"../", "..%2f", "%2e%2e/", "%2e%2e%2f", "%252e%252e%252f", "..%5c", "%2e%2e%5c", "..\\", "%2e%2e%255c",
            "%c0%ae%c0%ae/", "..;/", ".%2e/", "%2e./", "....//", "..%252f", "%u002e%u002e/"};
        String[] targets = {"etc/passwd", "logback.xml", "db/migration/V1__core_model.sql",
            "org/gridlens/server/Main.class", "META-INF/MANIFEST.MF"};
        String[] roots = {"/static/", "/webjars/echarts/", "/tiles/grid/0/0/"};
        List<String> out = new ArrayList<>();
        for (String root : roots) {
            for (String up : ups) {
                for (String t : targets) {
                    out.add(root + up.repeat(4) + t);
                }
            }
        }
        return out;
    }
}
