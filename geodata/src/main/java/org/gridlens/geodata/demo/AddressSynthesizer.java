package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Standard addresses (青海省西宁市城东区 + subdistrict + road + number): one per building at its
 * footprint centroid, plus one for every tenth housing unit (building address + room). Each community
 * has three roads of its own; numbers run along each road in building order.
 */
final class AddressSynthesizer {

    private AddressSynthesizer() {
    }

    static List<DemoAddress> synthesize(List<DemoRegion> regions, List<DemoBuilding> buildings, List<DemoHousingUnit> units) {
        Map<String, String> subdistrictOfGrid = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> parent = new HashMap<>();
        for (DemoRegion r : regions) {
            names.put(r.code(), r.name());
            if (r.parentCode() != null) {
                parent.put(r.code(), r.parentCode());
            }
        }
        for (DemoRegion r : regions) {
            if ("grid".equals(r.level())) {
                subdistrictOfGrid.put(r.code(), names.get(parent.get(parent.get(r.code()))));
            }
        }
        List<DemoAddress> out = new ArrayList<>();
        Map<String, Integer> numbers = new HashMap<>();
        String[] buildingText = new String[buildings.size() + 1];
        for (DemoBuilding b : buildings) {
            String road = PlaceNames.road(b.communityIndex() * 3 + (b.id() % 3));
            int no = numbers.merge(road, 1, Integer::sum);
            String text = PlaceNames.ADDRESS_PREFIX + subdistrictOfGrid.get(b.gridCode()) + road + no + "号";
            buildingText[b.id()] = text;
            int id = out.size() + 1;
            out.add(new DemoAddress(id, String.format("630102A%07d", id), text, b.id(), 0, b.lon(), b.lat()));
        }
        for (DemoHousingUnit u : units) {
            if (u.id() % 10 != 0) {
                continue;
            }
            DemoBuilding b = buildings.get(u.buildingId() - 1);
            int id = out.size() + 1;
            out.add(new DemoAddress(id, String.format("630102A%07d", id), buildingText[b.id()] + u.unitNo() + "室",
                    b.id(), u.id(), b.lon(), b.lat()));
        }
        return out;
    }
}
