// Latencies on the drift board: three significant figures (the duration formatter's) are all a p99 from histograms can promise.
import { formatDuration } from "@/lib/format/duration";

export const msLabel = (ms: number | null): string => formatDuration(ms);
