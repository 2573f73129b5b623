// The dependency map's limits, shared by the server that cuts the graph and the map that explains it.

/** Above this many services the whole-estate map is drawn grouped by team unless `group=none` is asked for. */
export const MAP_GROUP_ABOVE = 300;
/** The widest neighbourhood a focused service can be shown with. */
export const MAX_FOCUS_HOPS = 3;
