package org.gridlens.geodata.demo;

/** A generated standard address of a building (housingUnitId 0) or of one of its housing units. */
record DemoAddress(int id, String code, String fullText, int buildingId, int housingUnitId, double lon, double lat) {
    DemoAddress {
        if (fullText == null || fullText.isBlank()) {
            throw new IllegalArgumentException("address text is required");
        }
    }
}
