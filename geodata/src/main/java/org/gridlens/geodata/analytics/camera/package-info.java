/** Camera coverage by management grid: area and road length inside camera view sectors, and blind spots. */
package org.gridlens.geodata.analytics.camera;
