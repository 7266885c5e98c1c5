package org.gridlens.geodata.dictionary;

import java.util.Objects;

/**
 * One public field of one layer.
 *
 * @param layer       the layer (table) it belongs to, e.g. {@code incident}
 * @param field       the canonical field name, also the column name and the export property name
 * @param nameZh      Chinese name
 * @param nameEn      English name
 * @param type        value type
 * @param unit        unit of measure, or null
 * @param codeList    name of the code list values must come from ({@code type == CODE} only), else null
 * @param required    whether an import row without it is rejected
 * @param sensitivity who may see it
 * @param description free text, or null
 */
public record DictionaryField(String layer, String field, String nameZh, String nameEn, FieldType type, String unit,
                              String codeList, boolean required, Sensitivity sensitivity, String description) {
    public DictionaryField {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sensitivity, "sensitivity");
        if ((type == FieldType.CODE) != (codeList != null)) {
            throw new IllegalArgumentException("field " + layer + "." + field + ": a code list goes with type CODE only");
        }
    }
}
