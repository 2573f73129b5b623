// One labelled control of a filter bar (server or client): the label sits beside, not around, its
// control, since a wrapping label would lend the options' text to the label's name.
import type { ReactNode } from "react";
import css from "../catalog.module.css";

export function FilterItem({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`${css.filterItem} ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
