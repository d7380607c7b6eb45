/**
 * Statistics used by zoo summaries and population reports (docs/METHOD.md §7.4): descriptive summaries,
 * bootstrap confidence intervals, the Mann–Whitney U test with the Hodges–Lehmann shift and its interval, and the
 * Holm–Bonferroni adjustment.
 */
package io.hyperrep.core.stats;
