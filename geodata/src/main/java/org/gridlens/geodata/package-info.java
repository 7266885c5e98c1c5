/** PostGIS-side library of GridLens: provisioning, schema, data access, import/export and analytics. No HTTP. */
package org.gridlens.geodata;
