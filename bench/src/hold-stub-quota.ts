/**
 * BENCHMARK BASELINE ONLY, never a service: a stand-in for quota that answers every hold
 * "granted" at once, with no Redis, no Postgres and no check. `bench:hold` runs the gateway against
 * it to measure the create-call path with quota answering instantly. Started as its own process
 * (so it does not share the load generator's event loop) on BENCH_STUB_PORT, loopback only.
 */
import http from "node:http";

const port = Number(process.env.BENCH_STUB_PORT ?? "0");
const GRANTED = JSON.stringify({ granted: true, minutes_held: 1, talk_seconds_allowed: 600 });

const server = http.createServer((req, res) => {
  // Drain the body (the gateway sends JSON) before answering, as a real server would.
  req.resume();
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/internal/v1/holds") {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(GRANTED) }).end(GRANTED);
    } else if (req.method === "POST" && req.url?.startsWith("/internal/v1/holds/")) {
      res.writeHead(204).end();
    } else if (req.url === "/readyz" || req.url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ready"}');
    } else {
      res.writeHead(404).end();
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => process.stderr.write(`[stub-quota] baseline stub listening on ${port}\n`));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
