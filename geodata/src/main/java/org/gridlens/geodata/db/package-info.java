/** Finding or creating a PostGIS database, pooling connections to it and migrating its schema. */
package org.gridlens.geodata.db;
