package io.hyperrep.report.plot;

/**
 * The words on an x-y chart: its title and axis labels, and the factor y values are multiplied by in tick
 * labels (100 shows fractions as percent).
 */
record Labels(String title, String xLabel, String yLabel, double yScale) {}
