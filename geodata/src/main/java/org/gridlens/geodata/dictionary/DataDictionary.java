package org.gridlens.geodata.dictionary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the dictionary: fields in dictionary order per layer, and code lists.
 * Importers validate codes against {@link #codes(String)}; exports name properties after {@link #fields(String)}.
 */
public record DataDictionary(List<DictionaryField> allFields, Map<String, List<CodeEntry>> codeLists) {

    public DataDictionary {
        allFields = List.copyOf(allFields);
        Map<String, List<CodeEntry>> copy = new LinkedHashMap<>();
        codeLists.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        codeLists = java.util.Collections.unmodifiableMap(copy);
    }

    /** The fields of {@code layer} in dictionary order (empty for an unknown layer). */
    public List<DictionaryField> fields(String layer) {
        return allFields.stream().filter(f -> f.layer().equals(layer)).toList();
    }

    public Optional<DictionaryField> field(String layer, String field) {
        return allFields.stream().filter(f -> f.layer().equals(layer) && f.field().equals(field)).findFirst();
    }

    /** The set of valid codes of a code list (empty for an unknown list). */
    public Set<String> codes(String codeList) {
        return codeLists.getOrDefault(codeList, List.of()).stream().map(CodeEntry::code).collect(Collectors.toUnmodifiableSet());
    }

    /** Layers that have at least one field, in dictionary order. */
    public List<String> layers() {
        return allFields.stream().map(DictionaryField::layer).distinct().toList();
    }
}
