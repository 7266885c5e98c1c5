/** Loading SQL text kept as resource files next to the code that runs it. */
package org.gridlens.geodata.sql;
