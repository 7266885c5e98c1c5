/** Intake of incidents and service orders: validation, location resolution, idempotent batch insert. */
package org.gridlens.geodata.intake;
