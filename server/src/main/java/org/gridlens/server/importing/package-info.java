/** HTTP upload of department files into the shared layers (streamed to a temp file, size-limited), answering the import report. */
package org.gridlens.server.importing;
