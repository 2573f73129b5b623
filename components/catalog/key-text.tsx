// An integration key that wraps only after "->" and ":", so a long key breaks where it reads well.
import { Fragment } from "react";

export function KeyText({ value }: { value: string }) {
  const parts = value.split(/(?<=->|:)/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          <span style={{ whiteSpace: "nowrap" }}>{p}</span>
        </Fragment>
      ))}
    </>
  );
}
