package org.gridlens.geodata.importing;

/**
 * A reader of a JSON file (GeoJSON, CityJSON, CityJSONSeq). JSON exchanged between systems is UTF-8
 * (RFC 8259 §8.1), so that is the encoding every such reader reports; none of them guesses another.
 */
interface JsonRecordReader extends RecordReader {

    @Override
    default String encoding() {
        return "UTF-8";
    }
}
