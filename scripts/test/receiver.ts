// A real HTTP receiver on loopback for notification tests and benches: records each arrival (raw
// body included) and answers through a handler the test swaps as it goes.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Arrival {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type ReceiverHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void | Promise<void>;

export interface Receiver {
  url: string;
  arrivals: Arrival[];
  handler: ReceiverHandler;
  close: () => Promise<void>;
}

export async function startReceiver(handler: ReceiverHandler): Promise<Receiver> {
  const receiver: Receiver = { url: "", arrivals: [], handler, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      receiver.arrivals.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      void Promise.resolve(receiver.handler(req, res, body)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return receiver;
}

export const answer = (status: number, headers: Record<string, string> = {}, body = ""): ReceiverHandler => (_req, res) => {
  res.writeHead(status, headers);
  res.end(body);
};
