package org.gridlens.geodata.dictionary;

import java.util.Objects;

/**
 * One entry of a code list.
 *
 * @param code           the stored code
 * @param parentCode     the major class of a minor class (urban-management categories), else null
 * @param nameZh         Chinese name
 * @param nameEn         English name
 * @param timeLimitHours handling time limit of a category, else null
 */
public record CodeEntry(String code, String parentCode, String nameZh, String nameEn, Integer timeLimitHours) {
    public CodeEntry {
        Objects.requireNonNull(code, "code");
    }
}
