package org.gridlens.geodata.intake;

/**
 * One minor class of the code list.
 *
 * @param code           code ('0101', 'C0101', 'S0101')
 * @param kind           incident kind it files under: event, component or service_order
 * @param nameZh         Chinese name
 * @param nameEn         English name
 * @param timeLimitHours time allowed from registration to close (sets the deadline); null if none
 * @param groupName      English name of its major class
 */
public record Category(String code, String kind, String nameZh, String nameEn, Integer timeLimitHours, String groupName) {
}
