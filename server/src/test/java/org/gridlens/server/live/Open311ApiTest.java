package org.gridlens.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridlens.server.live.LiveClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Open311 GeoReport v2 facade: services, definitions, posting (form-encoded), listing and reading requests. */
class Open311ApiTest {

    static final FreshDatabase db = FreshDatabase.named("open311").seededWith(LiveFixture::insert);
    @RegisterExtension
    static final TestServer server = TestServer.over(db);

    static HttpResponse<String> form(String body, String idempotencyKey) {
        return form("/open311/v2/requests.json", body, idempotencyKey);
    }

    static org.w3c.dom.Document xml(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + r.body(), e);
        }
    }

    static String text(org.w3c.dom.Document d, String path) {
        try {
            return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate(path, d);
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void every_endpoint_also_answers_in_georeport_xml() {
        org.w3c.dom.Document services = xml(server.get("/open311/v2/services.xml"));
        assertThat(text(services, "count(/services/service)")).isNotEqualTo("0");
        assertThat(text(services, "/services/service[service_code='S0101']/metadata")).isEqualTo("true");
        org.w3c.dom.Document def = xml(server.get("/open311/v2/services/S0101.xml"));
        assertThat(text(def, "/service_definition/service_code")).isEqualTo("S0101");
        assertThat(text(def, "/service_definition/attributes/attribute[code='urgency']/values/value[1]/key")).isEqualTo("low");

        String body = "service_code=0101&lat=" + LiveFixture.LAT + "&long=" + LiveFixture.LON
                + "&description=%3Cscript%3E+%26+%E5%9E%83%E5%9C%BE";
        HttpResponse<String> posted = form("/open311/v2/requests.xml", body, "xml-1");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String id = text(xml(posted), "/service_requests/request/service_request_id");
        assertThat(id).isNotBlank();
        org.w3c.dom.Document one = xml(server.get("/open311/v2/requests/" + id + ".xml"));
        assertThat(text(one, "/service_requests/request/description")).isEqualTo("<script> & 垃圾");
        assertThat(text(one, "/service_requests/request/status")).isEqualTo("open");
        org.w3c.dom.Document list = xml(server.get("/open311/v2/requests.xml?service_request_id=" + id));
        assertThat(text(list, "count(/service_requests/request)")).isEqualTo("1");
        HttpResponse<String> bad = server.get("/open311/v2/requests.xml?status=maybe");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(text(xml(bad), "/errors/error/code")).isEqualTo("400");
    }

    static HttpResponse<String> form(String path, String body, String idempotencyKey) {
        HttpRequest.Builder b = server.request(path)
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return server.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void services_and_definitions_follow_georeport_v2() {
        JsonNode services = json(server.get("/open311/v2/services.json"));
        assertThat(services.isArray()).isTrue();
        JsonNode first = services.get(0);
        assertThat(first.has("service_code") && first.has("service_name") && first.has("metadata") && first.has("type")
                && first.has("group")).isTrue();
        assertThat(services.findValuesAsText("service_code")).contains("0101", "C0101", "S0101").doesNotContain("01");
        JsonNode def = json(server.get("/open311/v2/services/S0101.json"));
        assertThat(def.path("service_code").asText()).isEqualTo("S0101");
        assertThat(def.path("attributes").findValuesAsText("code")).contains("household", "urgency");
        assertThat(server.get("/open311/v2/services/9999.json").statusCode()).isEqualTo(404);
        assertThat(server.get("/open311/v2/services/0101.geojson").statusCode()).isEqualTo(400);
    }

    @Test
    void a_posted_request_is_stored_once_and_can_be_listed_and_read() {
        String body = "service_code=0101&lat=" + LiveFixture.LAT + "&long=" + LiveFixture.LON
                + "&description=%E5%9E%83%E5%9C%BE+by+the+gate&media_url=https%3A%2F%2Fexample.org%2Fp.jpg";
        HttpResponse<String> r = form(body, "app-42");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).get(0).path("service_request_id").asText();
        HttpResponse<String> again = form(body, "app-42");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get(0).path("service_request_id").asText()).isEqualTo(id);

        JsonNode one = json(server.get("/open311/v2/requests/" + id + ".json")).get(0);
        assertThat(one.path("status").asText()).isEqualTo("open");
        assertThat(one.path("service_code").asText()).isEqualTo("0101");
        assertThat(one.path("description").asText()).isEqualTo("垃圾 by the gate");
        assertThat(one.path("lat").asDouble()).isEqualTo(LiveFixture.LAT);
        assertThat(one.path("long").asDouble()).isEqualTo(LiveFixture.LON);
        assertThat(one.path("media_url").asText()).isEqualTo("https://example.org/p.jpg");
        assertThat(one.path("requested_datetime").asText()).endsWith("+08:00");
        assertThat(one.has("updated_datetime")).isTrue();

        assertThat(json(server.get("/open311/v2/requests.json?status=open&service_code=0101")).findValuesAsText("service_request_id"))
                .contains(id);
        assertThat(json(server.get("/open311/v2/requests.json?status=closed")).findValuesAsText("service_request_id"))
                .doesNotContain(id);
        assertThat(json(server.get("/open311/v2/requests.json?service_request_id=" + id + ",999999")).size()).isEqualTo(1);
    }

    @Test
    void bad_open311_requests_get_georeport_errors() {
        HttpResponse<String> outside = form("service_code=0101&lat=39.9&long=116.4", null);
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(json(outside).get(0).path("description").asText()).contains("outside the district");
        assertThat(form("service_code=9999&lat=36.605&long=101.805", null).statusCode()).isEqualTo(400);
        assertThat(form("lat=36.605&long=101.805", null).statusCode()).isEqualTo(400);
        assertThat(form("service_code=0101&address_string=somewhere", null).statusCode()).isEqualTo(400);
        assertThat(form("service_code=0101&lat=north&long=101.8", null).statusCode()).isEqualTo(400);
        assertThat(form("service_code=0101&lat=%ZZ", null).statusCode()).isEqualTo(400);
        assertThat(server.get("/open311/v2/requests.json?status=maybe").statusCode()).isEqualTo(400);
        assertThat(server.get("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z")
                .statusCode()).isEqualTo(400);
        assertThat(server.get("/open311/v2/requests/abc.json").statusCode()).isEqualTo(400);
        assertThat(server.get("/open311/v2/requests/999999.json").statusCode()).isEqualTo(404);
    }
}
