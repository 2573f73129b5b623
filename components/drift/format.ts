// Latencies on the drift board: three significant figures are all a p99 from histograms can promise.
import { formatMs } from "@/components/catalog/labels";

export const msLabel = (ms: number | null): string => (ms === null ? "—" : formatMs(Number(ms.toPrecision(3))));
