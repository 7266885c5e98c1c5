/** HTTP access to cases and service orders: details with stage log, stage transitions, the order queue. */
package org.gridlens.server.cases;
