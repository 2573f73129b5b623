// An OTLP/JSON metrics body as the Collector's servicegraph connector sends it: one delta
// client-duration histogram point per call count, all calls in its first bucket.
const str = (key: string, stringValue: string) => ({ key, value: { stringValue } });

export interface GraphPoint {
  client: string;
  server: string;
  count: bigint | number;
  timeNs: bigint;
}

export function servicegraphBody(points: GraphPoint[]) {
  return {
    resourceMetrics: [
      {
        resource: { attributes: [str("service.name", "collector")] },
        scopeMetrics: [
          {
            scope: { name: "servicegraph" },
            metrics: [
              {
                name: "traces_service_graph_request_client",
                unit: "s",
                histogram: {
                  aggregationTemporality: 1,
                  dataPoints: points.map((p) => ({
                    attributes: [str("client", p.client), str("server", p.server)],
                    startTimeUnixNano: String(p.timeNs - 10_000_000_000n),
                    timeUnixNano: String(p.timeNs),
                    count: String(p.count),
                    explicitBounds: [0.1],
                    bucketCounts: [String(p.count), "0"],
                  })),
                },
              },
            ],
          },
        ],
      },
    ],
  };
}
