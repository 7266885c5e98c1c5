/** Serves the data dictionary (fields and code lists) as JSON for the dictionary page and other departments. */
package org.gridlens.server.dictionary;
