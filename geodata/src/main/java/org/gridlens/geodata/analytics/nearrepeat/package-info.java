/** Near-repeat analysis: the Knox test with seeded Monte-Carlo permutations. */
package org.gridlens.geodata.analytics.nearrepeat;
