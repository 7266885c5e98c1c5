package org.gridlens.geodata.demo;

import java.util.Locale;

/**
 * Size of the synthetic district. {@code DISTRICT} is the full Chengdong deployment (about 600 grids,
 * 400,000 residents, 1,000,000 incidents); {@code SMALL} has the same structure scaled down so it
 * loads in seconds for tests and laptops. All counts are targets: the generator hits them within a
 * few per cent (exactly for regions, cameras and components).
 */
public enum DemoProfile {
    SMALL(2, 6, 40, 1_300, 1_000, 3_000, 8_000, 20_000, 60, 40, 500),
    DISTRICT(8, 60, 600, 20_000, 15_000, 150_000, 400_000, 1_000_000, 2_000, 400, 20_000);

    private final int subdistricts;
    private final int communities;
    private final int grids;
    private final int parcels;
    private final int buildings;
    private final int housingUnits;
    private final int residents;
    private final int incidents;
    private final int cameras;
    private final int facilities;
    private final int components;

    DemoProfile(int subdistricts, int communities, int grids, int parcels, int buildings, int housingUnits,
                int residents, int incidents, int cameras, int facilities, int components) {
        this.subdistricts = subdistricts;
        this.communities = communities;
        this.grids = grids;
        this.parcels = parcels;
        this.buildings = buildings;
        this.housingUnits = housingUnits;
        this.residents = residents;
        this.incidents = incidents;
        this.cameras = cameras;
        this.facilities = facilities;
        this.components = components;
    }

    /** Parses "small" or "district" (case-insensitive). */
    public static DemoProfile parse(String s) {
        if (s != null) {
            for (DemoProfile p : values()) {
                if (p.name().equalsIgnoreCase(s.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown demo profile '" + s + "': expected 'small' or 'district'");
    }

    /** Lower-case name as stored in dataset_load.profile. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int subdistricts() { return subdistricts; }
    public int communities() { return communities; }
    public int grids() { return grids; }
    public int parcels() { return parcels; }
    public int buildings() { return buildings; }
    public int housingUnits() { return housingUnits; }
    public int residents() { return residents; }
    public int incidents() { return incidents; }
    public int cameras() { return cameras; }
    public int facilities() { return facilities; }
    public int components() { return components; }
}
