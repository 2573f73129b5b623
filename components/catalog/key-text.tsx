// An integration key that wraps only after "->" and ":", so a long key breaks where it reads well.
import { Fragment } from "react";
import { Clipped } from "@/components/ui/clipped";

export function KeyText({ value }: { value: string }) {
  const parts = value.split(/(?<=->|:)/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {/* Each part whole on its line, unless it is too long to be: then clipped. */}
          <Clipped text={p} className="nowrap" />
        </Fragment>
      ))}
    </>
  );
}
