/** Descriptive statistics used by zoo summaries and reports. */
package io.hyperrep.core.stats;
