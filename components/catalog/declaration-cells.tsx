// The cells every integration table shows the same way: style, protocol, criticality, lifecycle, p99 budget.
import type { IntegrationView } from "@/lib/catalog/integrations";
import { CriticalityBadge, LifecycleBadge, StyleLabel } from "./badges";
import { formatMs } from "./labels";
import css from "./catalog.module.css";

export function DeclarationCells({ item: i }: { item: IntegrationView }) {
  return (
    <>
      <td>
        <StyleLabel value={i.style} />
      </td>
      <td className="mono">{i.protocol}</td>
      <td>
        <CriticalityBadge value={i.criticality} />
      </td>
      <td>
        <LifecycleBadge value={i.lifecycle} />
      </td>
      <td className={css.num}>{formatMs(i.budget.p99Ms)}</td>
    </>
  );
}
