package io.hyperrep.service.registry;

import java.util.List;

/**
 * One page of a listing: the models, how many match the query at the listing's moment ({@code total},
 * the same on every page), and the cursor of the next page ({@code null} on the last).
 */
record ModelPage(List<ModelSummary> models, int total, String nextCursor) {}
