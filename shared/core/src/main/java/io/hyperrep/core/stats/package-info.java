/**
 * Statistics used by zoo summaries and population reports (docs/METHOD.md §7.4): descriptive summaries,
 * bootstrap confidence intervals and the Mann–Whitney U test.
 */
package io.hyperrep.core.stats;
