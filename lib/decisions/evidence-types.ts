// Shapes of the evidence workflow that the browser shares with the server.

/** A record evidence may be attached to: draft or proposed, and editable by the reader. */
export interface AttachTarget {
  number: number;
  label: string;
  title: string;
  status: string;
}
