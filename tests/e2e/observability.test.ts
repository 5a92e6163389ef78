import { readFileSync } from "node:fs";
import path from "node:path";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { request } from "undici";
import { apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, finalCall } from "./dialer-support";

// One call's whole life, then every service's management port is scraped: the metrics the
// dashboard charts exist, no label carries an id, and /metrics is served nowhere else.
let stack: TestStack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "0.2" });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
});

const dashboard = JSON.parse(readFileSync(path.resolve(__dirname, "../../infra/grafana/voxbridge-calls.json"), "utf8")) as {
  panels: { title: string; targets: { expr: string }[] }[];
};
const PROMQL_WORDS = new Set([
  "sum",
  "by",
  "rate",
  "max",
  "increase",
  "histogram_quantile",
  "le",
  "le,",
  "route",
  "outcome",
  "group",
  "topic",
  "partition",
  "voxbridge_service",
  "status",
]);
const chartedMetrics = [
  ...new Set(
    dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((t) =>
        (t.expr.replace(/\{[^}]*\}|"[^"]*"|\[[^\]]*\]/g, "").match(/[a-z_][a-z0-9_]*/g) ?? []).filter((w) => !PROMQL_WORDS.has(w)),
      ),
    ),
  ),
];
const scrape = async (url: string) => {
  const response = await request(`${url}/metrics`);
  return { status: response.statusCode, text: await response.body.text() };
};

describe("observability", () => {
  it("exposes every metric the dashboard charts, with bounded labels, on the management ports only", async () => {
    const org = await provisionOrg();
    const api = apiClient(stack.gatewayUrl, org.apiKey);
    expect((await api.post("/v1/webhook-endpoints", { url: receiver.url })).status).toBe(201);
    const call = await createCall(api, { to: "+15551234567" });
    expect((await finalCall(api, call.id)).status).toBe("completed");
    await eventually("three deliveries", async () => receiver.received.length >= 3);
    // The worker counts an attempt once it is recorded, a moment after the receiver has answered.
    await eventually("three deliveries counted", async () => {
      const { text } = await scrape(stack.managementUrls.webhooks);
      const delivered = text.match(/^voxbridge_webhook_attempts_total\{[^}]*outcome="delivered"[^}]*\} (\d+)/m);
      return Number(delivered?.[1] ?? 0) >= 3;
    });
    expect((await api.get(`/v1/calls/${call.id}`)).status).toBe(200);

    const scrapes = await Promise.all(Object.values(stack.managementUrls).map(scrape));
    expect(scrapes.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const exposition = scrapes.map((s) => s.text).join("\n");
    const exposed = new Set(
      exposition.split("\n").flatMap((line) => (line.startsWith("#") ? [] : (line.match(/^[a-z_][a-z0-9_]*/) ?? []))),
    );
    expect(chartedMetrics.length).toBeGreaterThan(10);
    // One prefix for every series, Node's process metrics included, and no `service` label for the
    // Prometheus Operator's own to clash with.
    expect([...exposed].filter((name) => !name.startsWith("voxbridge_"))).toEqual([]);
    expect(exposition.split("\n").filter((line) => /[{,]service="/.test(line))).toEqual([]);
    for (const service of ["gateway", "quota", "dialer", "webhooks"])
      expect(exposition).toMatch(new RegExp(`^voxbridge_build_info\\{[^}]*voxbridge_service="${service}"[^}]*\\} 1$`, "m"));
    expect(chartedMetrics.filter((name) => !exposed.has(name))).toEqual([]);

    // Ids never become labels (a new series per org or call would grow without bound).
    expect(exposition.split("\n").filter((line) => /="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/.test(line))).toEqual([]);
    expect(exposition).toMatch(/voxbridge_gateway_calls_created_total\{[^}]*outcome="created"[^}]*\} [1-9]/);
    expect(exposition).toMatch(
      /voxbridge_http_request_duration_seconds_count\{voxbridge_service="gateway",method="GET",route="\/v1\/calls\/:call_id",status="200"\} [1-9]/,
    );
    // The webhook service's internal routes are labelled by template, not by the org in the path.
    expect(exposition).toMatch(/route="\/internal\/v1\/orgs\/:org_id\/webhook-endpoints",status="201"\} 1/);
    expect(exposition).toMatch(/voxbridge_webhook_attempts_total\{[^}]*outcome="delivered"[^}]*\} [1-9]/);

    // The public port (and every service's own port) has no /metrics.
    for (const url of Object.values(stack.serviceUrls)) expect([url, (await scrape(url)).status]).toEqual([url, 404]);
  });
});
