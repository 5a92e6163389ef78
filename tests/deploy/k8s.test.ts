import { execFileSync } from "node:child_process";
import path from "node:path";
import { TOPIC_PARTITIONS, TOPICS } from "@voxbridge/contracts";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { loadGatewayConfig } from "@voxbridge/gateway/config";
import { loadQuotaConfig } from "@voxbridge/quota/config";
import { loadWebhooksConfig } from "@voxbridge/webhooks/config";
import { allManifests, type Manifest, podSpecOf } from "./k8s-render";

// No cluster here: the manifests are validated against the Kubernetes and KEDA schemas (in a child
// process, see validate-k8s.mts), then checked against the services' own configuration.
const APPS = {
  gateway: loadGatewayConfig,
  quota: loadQuotaConfig,
  dialer: loadDialerConfig,
  webhooks: loadWebhooksConfig,
} as const;
type App = keyof typeof APPS;
const all = allManifests();
const base = all.filter((m) => m.source === "base").map((m) => m.manifest);
const find = (kind: string, name: string, from = base) => from.find((m) => m.kind === kind && m.metadata.name === name) as Manifest;
const secret = find(
  "Secret",
  "voxbridge-secrets",
  all.map((m) => m.manifest),
);
const config = find("ConfigMap", "voxbridge-config");

/** A container's environment as the kubelet would give it: the ConfigMap, then its own env, secrets resolved. */
function envOf(manifest: Manifest): Record<string, string> {
  const [container] = podSpecOf(manifest).containers as {
    env: { name: string; value?: string; valueFrom?: { secretKeyRef: { key: string } } }[];
  }[];
  const env: Record<string, string> = { ...config.data };
  for (const variable of container?.env ?? []) {
    const value = variable.value ?? secret.stringData?.[variable.valueFrom?.secretKeyRef.key ?? ""];
    if (value === undefined) throw new Error(`${manifest.metadata.name}: ${variable.name} has no value`);
    env[variable.name] = value;
  }
  return env;
}

describe("Kubernetes manifests (infra/k8s)", () => {
  it("are all valid against the Kubernetes and KEDA schemas", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "validate-k8s.mts")], {
      cwd: path.join(__dirname, ".."),
      encoding: "utf8",
    });
    const lines = output.trim().split("\n");
    expect(lines.filter((line) => !line.startsWith("valid "))).toEqual([]);
    expect(lines).toHaveLength(all.length);
  }, 60_000);

  it.each(Object.keys(APPS) as App[])("run the %s with probes on its management port, inside its grace period", (app) => {
    const deployment = find("Deployment", `voxbridge-${app}`);
    const env = envOf(deployment);
    const settings = APPS[app](env) as { MANAGEMENT_PORT: number; SHUTDOWN_TIMEOUT_MS: number };
    const pod = podSpecOf(deployment);
    const [container] = pod.containers;
    const management = container.ports.find((p: { name: string }) => p.name === "management");
    expect(management.containerPort).toBe(settings.MANAGEMENT_PORT);
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "management" });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "management" });
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(settings.SHUTDOWN_TIMEOUT_MS);
    expect(Object.keys(container.resources.requests).sort()).toEqual(["cpu", "memory"]);
    expect(Object.keys(container.resources.limits).sort()).toEqual(["cpu", "memory"]);
    const labels = deployment.spec.selector.matchLabels;
    expect(find("Service", `voxbridge-${app}`).spec.selector).toEqual(labels);
    expect(find("PodDisruptionBudget", `voxbridge-${app}`).spec.selector.matchLabels).toEqual(labels);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
  });

  it.each(Object.keys(APPS) as App[])("give the %s everything its production config requires; its Job migrates it", (app) => {
    const env = envOf(find("Deployment", `voxbridge-${app}`));
    expect(env.NODE_ENV).toBe("production");
    expect(() => APPS[app](env)).not.toThrow();
    const job = find("Job", `voxbridge-${app}-migrate`);
    const [migrate] = podSpecOf(job).containers;
    expect(migrate.command).toEqual(["node", "--enable-source-maps", "dist/migrate.js"]);
    expect(migrate.image).toBe(podSpecOf(find("Deployment", `voxbridge-${app}`)).containers[0].image);
    expect(envOf(job).DATABASE_URL).toBe(env.DATABASE_URL);
  });

  it("point every internal URL at a Service on its port, with a token the server accepts", () => {
    const gateway = loadGatewayConfig(envOf(find("Deployment", "voxbridge-gateway")));
    const dialer = loadDialerConfig(envOf(find("Deployment", "voxbridge-dialer")));
    const quota = loadQuotaConfig(envOf(find("Deployment", "voxbridge-quota")));
    const webhooks = loadWebhooksConfig(envOf(find("Deployment", "voxbridge-webhooks")));
    for (const [url, port] of [
      [gateway.QUOTA_URL, quota.QUOTA_PORT],
      [dialer.QUOTA_URL, quota.QUOTA_PORT],
      [gateway.WEBHOOKS_URL, webhooks.WEBHOOKS_PORT],
    ] as const) {
      const { hostname, port: urlPort } = new URL(url);
      const service = find("Service", hostname);
      expect([url, service?.spec.ports.some((p: { port: number }) => p.port === port)]).toEqual([url, true]);
      expect(urlPort).toBe(String(port));
    }
    expect(Object.values(quota.INTERNAL_API_TOKENS)).toEqual(expect.arrayContaining([gateway.QUOTA_API_TOKEN, dialer.QUOTA_API_TOKEN]));
    expect(Object.values(webhooks.INTERNAL_API_TOKENS)).toContain(gateway.WEBHOOKS_API_TOKEN);
  });

  it("scale the gateway on CPU, and the dialer and webhook worker on their group's lag and their due backlog", () => {
    const hpa = find("HorizontalPodAutoscaler", "voxbridge-gateway");
    expect(hpa.spec.scaleTargetRef.name).toBe("voxbridge-gateway");
    expect(hpa.spec.metrics[0].resource.name).toBe("cpu");
    const groups = {
      dialer: loadDialerConfig(envOf(find("Deployment", "voxbridge-dialer"))).DIALER_GROUP_ID,
      webhooks: loadWebhooksConfig(envOf(find("Deployment", "voxbridge-webhooks"))).WEBHOOKS_GROUP_ID,
    };
    for (const [app, table] of [
      ["dialer", "dialer.dial_jobs"],
      ["webhooks", "webhooks.webhook_deliveries"],
    ] as const) {
      const scaled = find("ScaledObject", `voxbridge-${app}`);
      expect(scaled.spec.scaleTargetRef.name).toBe(`voxbridge-${app}`);
      const kafka = scaled.spec.triggers.find((t: { type: string }) => t.type === "kafka");
      expect(kafka.metadata).toMatchObject({
        consumerGroup: groups[app],
        topic: TOPICS.callEvents,
        bootstrapServersFromEnv: "KAFKA_BROKERS",
      });
      const postgres = scaled.spec.triggers.find((t: { type: string }) => t.type === "postgresql");
      expect(postgres.metadata.query).toContain(`FROM ${table} WHERE`);
      expect(find("TriggerAuthentication", postgres.authenticationRef.name)).toBeDefined();
      // More consumers than partitions would sit idle.
      expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(TOPIC_PARTITIONS[TOPICS.callEvents]);
      expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
    }
  });

  it("put everything in the production overlay in its namespace, on pinned images and the cluster's brokers", () => {
    const production = all.filter((m) => m.source === "overlays/production").map((m) => m.manifest);
    expect(production).toHaveLength(base.length);
    expect(production.filter((m) => m.metadata.namespace !== "voxbridge")).toEqual([]);
    const images = production.flatMap((m) => (podSpecOf(m)?.containers ?? []).map((c: { image: string }) => c.image));
    expect(images.filter((image: string) => !/:\d+\.\d+\.\d+$/.test(image))).toEqual([]);
    expect(find("ConfigMap", "voxbridge-config", production).data?.KAFKA_BROKERS).toContain("kafka-0.");
  });
});
