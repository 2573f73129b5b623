// One labelled control of a filter bar (server or client): the label sits beside, not around, its
// control, since a wrapping label would lend the options' text to the label's name.
import type { ChangeEvent, ReactNode } from "react";
import css from "../catalog.module.css";

export function FilterItem({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`${css.filterItem} ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/**
 * A filter's select: "Any", then the options. With `keepApplied`, a value in the address that the
 * options no longer hold stays selectable, so the form shows what is applied.
 */
export function FilterSelect({ id, name, label, value, options, keepApplied = false, onChange }: {
  id: string;
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  keepApplied?: boolean;
  onChange?: (e: ChangeEvent<HTMLSelectElement>) => void;
}) {
  const all = keepApplied && value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <FilterItem id={id} label={label}>
      <select id={id} name={name} defaultValue={value ?? ""} onChange={onChange}>
        <option value="">Any</option>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterItem>
  );
}
