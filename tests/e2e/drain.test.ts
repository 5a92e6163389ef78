import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createLogger, topicNames } from "@voxbridge/kit";
import { type RunningQuota, startQuota } from "@voxbridge/quota";
import { loadQuotaConfig } from "@voxbridge/quota/config";
import { Agent, request } from "undici";
import { eventually } from "../support/eventually";
import { freePort } from "../support/private-postgres";
import { spawnService } from "../support/service-processes";
import { deleteTopics, newTopicPrefix, provisionOrg, stackEnv } from "../support/stack";
import { startTcpBalancer } from "../support/tcp-balancer";

// Two gateway processes behind a balancer that routes, as a Kubernetes Service does, only to
// instances whose readiness probe (GET /readyz on the management port) answers 200. One gateway is
// SIGTERMed while partners' requests keep flowing: none may be refused or reset.
const DRAIN_SECONDS = 3;
type Gateway = { child: ChildProcess; port: number; managementPort: number; output: () => string; exited: Promise<number | null> };

let quota: RunningQuota;
let topicPrefix: string;
const gateways: Gateway[] = [];

async function spawnGateway(): Promise<Gateway> {
  const [port, managementPort] = [await freePort(), await freePort()];
  const child = spawnService(
    "gateway",
    stackEnv(topicPrefix, {
      LOG_LEVEL: "info",
      GATEWAY_PORT: String(port),
      MANAGEMENT_PORT: String(managementPort),
      QUOTA_URL: `http://127.0.0.1:${quota.port}`,
      SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
    }),
    ["ignore", "pipe", "pipe"],
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const gateway = { child, port, managementPort, output: () => output, exited };
  await eventually(
    "gateway ready",
    async () => {
      if (child.exitCode !== null) throw new Error(`gateway exited:\n${output}`);
      const response = await request(`http://127.0.0.1:${managementPort}/readyz`).catch(() => null);
      await response?.body.dump();
      return response?.statusCode === 200;
    },
    60_000,
  );
  return gateway;
}

beforeAll(async () => {
  topicPrefix = newTopicPrefix();
  quota = await startQuota(loadQuotaConfig(stackEnv(topicPrefix)), createLogger({ service: "quota", level: "silent" }));
  gateways.push(...(await Promise.all([spawnGateway(), spawnGateway()])));
}, 120_000);

afterAll(async () => {
  for (const { child } of gateways) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await quota?.stop();
  await deleteTopics(Object.values(topicNames(topicPrefix))).catch(() => undefined);
});

describe("SIGTERM drain", () => {
  it("fails readiness first, keeps serving through the drain, then exits 0, and refuses no request routed to it", async () => {
    const [leaving, staying] = gateways as [Gateway, Gateway];
    const org = await provisionOrg({ minutes: 100_000 });

    // The balancer's view of each instance, refreshed every 100 ms from its readiness probe.
    const readyPorts = new Set(gateways.map((g) => g.port));
    const probeStates = new Map<number, Set<string>>(gateways.map((g) => [g.port, new Set<string>()]));
    let probing = true;
    const prober = (async () => {
      while (probing) {
        for (const g of gateways) {
          const answer = await request(`http://127.0.0.1:${g.managementPort}/readyz`, { headersTimeout: 1_000 }).then(
            async (r) => ({ status: r.statusCode, body: (await r.body.json()) as { status: string } }),
            () => null,
          );
          probeStates.get(g.port)?.add(answer?.body.status ?? "no answer");
          if (answer?.status === 200) readyPorts.add(g.port);
          else readyPorts.delete(g.port);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const balancer = await startTcpBalancer(() => [...readyPorts]);

    // Partners: keep-alive connections through the balancer, creating calls and reading them back.
    const agent = new Agent({ keepAliveTimeout: 30_000, connections: 8 });
    const outcomes: string[] = [];
    let sending = true;
    const send = async (base: string, method: "GET" | "POST", path: string, body?: unknown) => {
      try {
        const response = await request(`${base}${path}`, {
          method,
          dispatcher: agent,
          headers: { authorization: `Bearer ${org.apiKey}`, ...(body ? { "content-type": "application/json" } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await response.body.text();
        return { status: response.statusCode, connection: response.headers.connection, text };
      } catch (error) {
        return { status: 0, connection: undefined, text: String(error) };
      }
    };
    const partner = async (index: number) => {
      let n = 0;
      while (sending) {
        const created = await send(balancer.url, "POST", "/v1/calls/outbound", { to: `+1555${String(2_000_000 + index * 100_000 + n++)}` });
        outcomes.push(created.status === 201 ? "201" : `${created.status} ${created.text}`);
        if (created.status === 201) {
          const id = (JSON.parse(created.text) as { id: string }).id;
          const read = await send(balancer.url, "GET", `/v1/calls/${id}`);
          outcomes.push(read.status === 200 ? "200" : `${read.status} ${read.text}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const partners = Array.from({ length: 4 }, (_, i) => partner(i));
    await eventually("traffic flowing through both", async () => outcomes.length >= 40);

    leaving.child.kill("SIGTERM");
    const signaledAt = Date.now();
    // The signal is handled in the pod's own time: a request that reaches it before then is an
    // ordinary one. The stragglers start once its probe says it drains.
    await eventually("the leaving pod draining", async () => probeStates.get(leaving.port)?.has("draining") ?? false, 5_000);
    // A proxy that has not yet seen the pod leave still sends to it directly: served, each answer
    // closing its connection.
    const straggler: { status: number; connection: string | string[] | undefined }[] = [];
    while (Date.now() - signaledAt < (DRAIN_SECONDS - 1) * 1000) {
      const answer = await send(`http://127.0.0.1:${leaving.port}`, "GET", "/v1/calls?limit=1");
      straggler.push({ status: answer.status, connection: answer.connection });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const code = await leaving.exited;
    const exitedAfterMs = Date.now() - signaledAt;
    const before = outcomes.length;
    await eventually("traffic flowing through the one left", async () => outcomes.length >= before + 40);
    sending = false;
    await Promise.all(partners);
    probing = false;
    await prober;
    await balancer.close();
    await agent.close();

    expect(code).toBe(0);
    expect(exitedAfterMs).toBeGreaterThanOrEqual(DRAIN_SECONDS * 1000);
    expect(leaving.output()).toContain("draining: not ready, still serving");
    expect(leaving.output()).toContain("shutdown complete");
    // Its probe went from ready to draining (a probe timing out on a busy machine may add "no answer").
    expect([...(probeStates.get(leaving.port) ?? [])]).toEqual(expect.arrayContaining(["ready", "draining"]));
    expect(straggler.length).toBeGreaterThan(5);
    expect(straggler.filter((a) => a.status !== 200 || a.connection !== "close")).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(80);
    expect(outcomes.filter((o) => o !== "200" && o !== "201")).toEqual([]);
    expect(staying.child.exitCode).toBeNull();
  }, 120_000);
});
