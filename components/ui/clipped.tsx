// A name or key as telemetry or a user sent it, however long: shown whole when short, cut with an
// ellipsis past `max` characters, the full text in the tooltip and shown whole while focused.
const LONG = 60;

export function Clipped({ text, max = LONG, className }: { text: string; max?: number; className?: string }) {
  if (text.length <= max) return <span className={className}>{text}</span>;
  return (
    <span className={`clipped ${className ?? ""}`} title={text} tabIndex={0} style={{ maxWidth: `${max}ch` }} data-testid="clipped">
      {text}
    </span>
  );
}
