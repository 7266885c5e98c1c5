package org.gridlens.geodata.demo;

/** A generated dwelling (or ground-floor shop) in a residential building. */
record DemoHousingUnit(int id, int buildingId, int floor, String unitNo, double areaM2, String use) {
    DemoHousingUnit {
        if (areaM2 <= 0) {
            throw new IllegalArgumentException("area must be positive");
        }
    }
}
