/** The data dictionary of the shared public database: every public field of every layer and its code lists. */
package org.gridlens.geodata.dictionary;
