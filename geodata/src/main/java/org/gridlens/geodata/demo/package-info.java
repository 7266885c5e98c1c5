/** Deterministic synthetic demo district inside the real Chengdong outline, and its fast COPY loader. */
package org.gridlens.geodata.demo;
