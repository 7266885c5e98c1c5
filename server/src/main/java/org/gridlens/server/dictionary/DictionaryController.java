package org.gridlens.server.dictionary;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.dictionary.DataDictionary;
import org.gridlens.geodata.dictionary.DictionaryRepository;

/** GET /api/dictionary: every field of every layer with its code list; read from the database on each call (it is small). */
public final class DictionaryController {

    private final DictionaryRepository repository;

    public DictionaryController(DictionaryRepository repository) {
        this.repository = repository;
    }

    public void dictionary(Context ctx) throws SQLException {
        DataDictionary d = repository.load();
        List<Map<String, Object>> layers = new ArrayList<>();
        for (String layer : d.layers()) {
            layers.add(Map.of("layer", layer, "fields", d.fields(layer)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("layers", layers);
        body.put("codeLists", d.codeLists());
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.json(body);
    }
}
