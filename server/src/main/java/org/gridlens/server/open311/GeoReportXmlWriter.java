package org.gridlens.server.open311;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the GeoReport v2 XML form of the same values the JSON endpoints answer with: a list becomes a
 * root element holding one element per item ({@code <services><service>…}, {@code <service_requests>
 * <request>…}, {@code <errors><error>…}), a map becomes one child element per key, a nested list becomes
 * an element holding its singular items ({@code <attributes><attribute>…}, {@code <values><value>…}),
 * and null becomes an empty element.
 *
 * <p>Text is escaped by the JDK's StAX writer; element names come only from this code (map keys of the
 * controller and the fixed singulars below), never from a request.
 */
final class GeoReportXmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final Map<String, String> SINGULAR = Map.of("attributes", "attribute", "values", "value");

    private GeoReportXmlWriter() {
    }

    /**
     * @param root element around the whole answer (e.g. {@code services})
     * @param item element of each list item (e.g. {@code service}); ignored when {@code body} is a map
     */
    static String write(String root, String item, Object body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            if (body instanceof List<?> list) {
                for (Object o : list) {
                    element(w, item, o);
                }
            } else {
                children(w, body);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write GeoReport XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        w.writeStartElement(name);
        if (value instanceof List<?> list) {
            String item = SINGULAR.getOrDefault(name, "item");
            for (Object o : list) {
                element(w, item, o);
            }
        } else if (value instanceof Map<?, ?>) {
            children(w, value);
        } else if (value != null) {
            w.writeCharacters(String.valueOf(value));
        }
        w.writeEndElement();
    }

    private static void children(XMLStreamWriter w, Object map) throws XMLStreamException {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
            element(w, String.valueOf(e.getKey()), e.getValue());
        }
    }
}
