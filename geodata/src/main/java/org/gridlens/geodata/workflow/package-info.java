/** The case workflow and service-order lifecycle: transition table, stage log, overdue scan, order queue. */
package org.gridlens.geodata.workflow;
