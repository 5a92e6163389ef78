import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TOPIC_PARTITIONS, TOPICS } from "@voxbridge/contracts";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { loadGatewayConfig } from "@voxbridge/gateway/config";
import { loadQuotaConfig } from "@voxbridge/quota/config";
import { loadVoiceConfig } from "@voxbridge/voice/config";
import { loadSecretKeyring, loadWebhooksConfig } from "@voxbridge/webhooks/config";
import { deployTool, K8S_DIR, kustomize, type Manifest, podSpecOf, ROOT, readManifests } from "./manifests";
import { allowed, type Endpoint, selects } from "./network-policy";

// No cluster here. The base and the production overlay are rendered by `kubectl kustomize` (what
// `kubectl apply -k` sends), validated against the Kubernetes and CRD schemas (validate-k8s.mts),
// then checked against the services' own configuration and the documented network flows.
const kubectl = deployTool("kubectl");
const APPS = {
  gateway: loadGatewayConfig,
  quota: loadQuotaConfig,
  dialer: loadDialerConfig,
  webhooks: loadWebhooksConfig,
  voice: loadVoiceConfig,
} as const;
type App = keyof typeof APPS;
const SERVICES = ["gateway", "quota", "dialer", "webhooks", "voice"] as const;

const base = kustomize(kubectl, path.join(K8S_DIR, "base"));
const production = kustomize(kubectl, path.join(K8S_DIR, "overlays/production"));
const exampleSecret = readManifests(path.join(K8S_DIR, "secret.example.yaml"));
const find = (from: Manifest[], kind: string, name: string) => {
  const found = from.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const secretValues = find(exampleSecret, "Secret", "voxbridge-secrets").stringData ?? {};

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string; optional?: boolean } } };
const containerOf = (m: Manifest) =>
  podSpecOf(m).containers[0] as { image: string; env: EnvVar[]; ports: { name: string; containerPort: number }[] };
const secretKeysOf = (from: Manifest[]) =>
  new Set(
    from.flatMap((m) => [
      ...((podSpecOf(m)?.containers ?? []) as { env?: EnvVar[] }[]).flatMap((c) =>
        // A key the Deployment marks optional may be absent from the Secret (the variable is then unset).
        (c.env ?? []).flatMap((e) => (e.valueFrom && !e.valueFrom.secretKeyRef.optional ? [e.valueFrom.secretKeyRef.key] : [])),
      ),
      ...(m.kind === "TriggerAuthentication" ? (m.spec.secretTargetRef as { key: string }[]).map((r) => r.key) : []),
    ]),
  );

/** A container's environment as the kubelet would give it: the ConfigMap, then its own env, secrets resolved. */
function envOf(from: Manifest[], workload: Manifest): Record<string, string> {
  const env: Record<string, string> = { ...find(from, "ConfigMap", "voxbridge-config").data };
  for (const variable of containerOf(workload).env) {
    const value = variable.value ?? secretValues[variable.valueFrom?.secretKeyRef.key ?? ""];
    // An optional secret key that is absent leaves the variable unset, as the kubelet does.
    if (value === undefined && variable.valueFrom?.secretKeyRef.optional) continue;
    if (value === undefined) throw new Error(`${workload.metadata.name}: ${variable.name} has no value`);
    env[variable.name] = value;
  }
  return env;
}

describe("Kubernetes manifests (infra/k8s), rendered by kubectl kustomize", () => {
  it("are valid against the Kubernetes, KEDA, Prometheus Operator and External Secrets schemas, unknown fields refused", () => {
    const input = [
      ...base.map((manifest) => ({ source: "base", manifest })),
      ...production.map((manifest) => ({ source: "overlays/production", manifest })),
      ...exampleSecret.map((manifest) => ({ source: "secret.example.yaml", manifest })),
    ];
    let output: string;
    try {
      output = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "validate-k8s.mts")], {
        cwd: path.join(__dirname, ".."),
        input: JSON.stringify(input),
        encoding: "utf8",
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const lines = output.trim().split("\n");
    expect(lines.filter((line) => !line.startsWith("valid "))).toEqual([]);
    expect(lines).toHaveLength(input.length);
  }, 60_000);

  describe.each([
    ["base", base],
    ["production", production],
  ] as const)("%s", (name, rendered) => {
    it.each(SERVICES)(
      "runs the %s under its own ServiceAccount without an API token, spread over zones and nodes, with probes on its management port",
      (app) => {
        const deployment = find(rendered, "Deployment", `voxbridge-${app}`);
        const pod = podSpecOf(deployment);
        const [container] = pod.containers;
        const labels = deployment.spec.selector.matchLabels;
        expect(pod.serviceAccountName).toBe(`voxbridge-${app}`);
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(find(rendered, "ServiceAccount", `voxbridge-${app}`).automountServiceAccountToken).toBe(false);
        expect(pod.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey).sort()).toEqual([
          "kubernetes.io/hostname",
          "topology.kubernetes.io/zone",
        ]);
        for (const constraint of pod.topologySpreadConstraints) expect(constraint.labelSelector.matchLabels).toEqual(labels);
        expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "management" });
        expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "management" });
        expect(Object.keys(container.resources.requests).sort()).toEqual(["cpu", "memory"]);
        expect(Object.keys(container.resources.limits).sort()).toEqual(["cpu", "memory"]);
        expect(find(rendered, "Service", `voxbridge-${app}`).spec.selector).toEqual(labels);
        expect(find(rendered, "PodDisruptionBudget", `voxbridge-${app}`).spec.selector.matchLabels).toEqual(labels);
      },
    );

    it("leave every replica count to an autoscaler", () => {
      const deployments = rendered.filter((m) => m.kind === "Deployment");
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(SERVICES.map((s) => `voxbridge-${s}`).sort());
      expect(deployments.filter((d) => d.spec.replicas !== undefined).map((d) => d.metadata.name)).toEqual([]);
      const targets = rendered.flatMap((m) =>
        m.kind === "HorizontalPodAutoscaler" || m.kind === "ScaledObject" ? [m.spec.scaleTargetRef.name] : [],
      );
      expect(targets.sort()).toEqual(deployments.map((d) => d.metadata.name).sort());
      for (const scaler of rendered.filter((m) => m.kind === "HorizontalPodAutoscaler"))
        expect(scaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
      for (const scaler of rendered.filter((m) => m.kind === "ScaledObject")) expect(scaler.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
    });

    it("carry the recommended labels on every object and pod", () => {
      const required = [
        "app.kubernetes.io/name",
        "app.kubernetes.io/component",
        "app.kubernetes.io/part-of",
        "app.kubernetes.io/managed-by",
        ...(name === "production" ? ["app.kubernetes.io/version", "app.kubernetes.io/instance"] : []),
      ];
      const missing = rendered.flatMap((m) => {
        const where = [["", m.metadata.labels], ...(m.spec?.template ? [["pod of ", m.spec.template.metadata?.labels]] : [])] as const;
        const namedOnly = ["TriggerAuthentication", "NetworkPolicy"].includes(m.kind);
        return where.flatMap(([prefix, labels]) =>
          (namedOnly ? required.filter((l) => !l.endsWith("/name") && !l.endsWith("/component")) : required)
            .filter((l) => !labels?.[l])
            .map((l) => `${prefix}${m.kind}/${m.metadata.name}: ${l}`),
        );
      });
      expect(missing).toEqual([]);
    });
  });

  it.each(Object.keys(APPS) as App[])(
    "give the %s everything its production config requires, and a grace period that covers its drain and shutdown",
    (app) => {
      for (const rendered of [base, production]) {
        const deployment = find(rendered, "Deployment", `voxbridge-${app}`);
        const env = envOf(rendered, deployment);
        expect(env.NODE_ENV).toBe("production");
        const settings = APPS[app](env) as { MANAGEMENT_PORT: number; SHUTDOWN_TIMEOUT_MS: number };
        expect(containerOf(deployment).ports.find((p) => p.name === "management")?.containerPort).toBe(settings.MANAGEMENT_PORT);
        // On SIGTERM the service fails readiness and keeps serving for SHUTDOWN_DRAIN_SECONDS, at least
        // as long as the readiness probe takes to notice; then in-flight work gets SHUTDOWN_TIMEOUT_MS.
        const drainMs = Number(env.SHUTDOWN_DRAIN_SECONDS) * 1000;
        const { readinessProbe } = podSpecOf(deployment).containers[0];
        expect(drainMs).toBeGreaterThanOrEqual(readinessProbe.periodSeconds * readinessProbe.failureThreshold * 1000);
        expect(podSpecOf(deployment).terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(
          drainMs + settings.SHUTDOWN_TIMEOUT_MS + 10_000,
        );
      }
    },
  );

  it("point every internal URL at a Service on its port, with a token the server accepts", () => {
    const gateway = loadGatewayConfig(envOf(production, find(production, "Deployment", "voxbridge-gateway")));
    const dialer = loadDialerConfig(envOf(production, find(production, "Deployment", "voxbridge-dialer")));
    const quota = loadQuotaConfig(envOf(production, find(production, "Deployment", "voxbridge-quota")));
    const webhooks = loadWebhooksConfig(envOf(production, find(production, "Deployment", "voxbridge-webhooks")));
    const voice = loadVoiceConfig(envOf(production, find(production, "Deployment", "voxbridge-voice")));
    for (const [url, port] of [
      [gateway.QUOTA_URL, quota.QUOTA_PORT],
      [dialer.QUOTA_URL, quota.QUOTA_PORT],
      [gateway.WEBHOOKS_URL, webhooks.WEBHOOKS_PORT],
      [gateway.VOICE_URL as string, voice.VOICE_PORT],
    ] as const) {
      const { hostname, port: urlPort } = new URL(url);
      expect([url, find(production, "Service", hostname).spec.ports.some((p: { port: number }) => p.port === port)]).toEqual([url, true]);
      expect(urlPort).toBe(String(port));
    }
    expect(Object.values(quota.INTERNAL_API_TOKENS)).toEqual(expect.arrayContaining([gateway.QUOTA_API_TOKEN, dialer.QUOTA_API_TOKEN]));
    expect(Object.values(webhooks.INTERNAL_API_TOKENS)).toContain(gateway.WEBHOOKS_API_TOKEN);
    expect(Object.values(voice.INTERNAL_API_TOKENS)).toContain(gateway.VOICE_API_TOKEN);
  });

  it("scale the dialer on its group's consumer lag only, and the webhook worker on its lag and its due deliveries", () => {
    const groups = {
      dialer: loadDialerConfig(envOf(production, find(production, "Deployment", "voxbridge-dialer"))).DIALER_GROUP_ID,
      webhooks: loadWebhooksConfig(envOf(production, find(production, "Deployment", "voxbridge-webhooks"))).WEBHOOKS_GROUP_ID,
    };
    const dialer = find(production, "ScaledObject", "voxbridge-dialer");
    const webhooks = find(production, "ScaledObject", "voxbridge-webhooks");
    // Dial jobs held back by pacing or org concurrency are no signal: more dialers would wait the same.
    expect(dialer.spec.triggers.map((t: { type: string }) => t.type)).toEqual(["kafka"]);
    expect(webhooks.spec.triggers.map((t: { type: string }) => t.type)).toEqual(["kafka", "postgresql"]);
    for (const [scaled, group] of [
      [dialer, groups.dialer],
      [webhooks, groups.webhooks],
    ] as const) {
      const [kafka] = scaled.spec.triggers;
      expect(kafka.metadata).toMatchObject({ consumerGroup: group, topic: TOPICS.callEvents, bootstrapServersFromEnv: "KAFKA_BROKERS" });
      // The brokers want TLS and SASL in production; KEDA authenticates like the services do.
      expect(kafka.metadata).toMatchObject({ sasl: "scram_sha512", tls: "enable" });
      expect(
        find(production, "TriggerAuthentication", kafka.authenticationRef.name).spec.secretTargetRef.map((r: { key: string }) => r.key),
      ).toEqual(["kafka-sasl-username", "kafka-sasl-password"]);
      // More consumers than partitions would sit idle.
      expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(TOPIC_PARTITIONS[TOPICS.callEvents]);
    }
    // Deliveries held behind an earlier event to a failing endpoint wait for that endpoint, not for a worker.
    expect(webhooks.spec.triggers[1].metadata.query).toMatch(
      /FROM webhooks\.webhook_deliveries d WHERE .* AND NOT EXISTS \(.*e\.sequence < d\.sequence/,
    );
    const config = find(production, "ConfigMap", "voxbridge-config").data ?? {};
    expect(config).toMatchObject({ KAFKA_TLS: "true", KAFKA_SASL_MECHANISM: "scram-sha-512" });
  });

  it("mount the Postgres and Kafka CA bundles in every pod and migration Job, at the paths the settings name", () => {
    type Volume = { name: string; configMap?: { name: string; items: { key: string; path: string }[] } };
    type Mount = { name: string; mountPath: string; readOnly?: boolean };
    const bundles = find(production, "ConfigMap", "voxbridge-ca").data ?? {};
    const config = find(production, "ConfigMap", "voxbridge-config").data ?? {};
    // Kafka's CA through KAFKA_TLS_CA_FILE; Postgres's through each database URL's sslrootcert (in the Secret).
    const needed = [config.KAFKA_TLS_CA_FILE, "/etc/voxbridge/postgres/ca.pem"];
    expect(needed[0]).toBe("/etc/voxbridge/kafka/ca.pem");
    const workloads = production.filter((m) => m.kind === "Deployment" || m.kind === "Job");
    expect(workloads).toHaveLength(SERVICES.length * 2);
    for (const workload of workloads) {
      const pod = podSpecOf(workload);
      const mounts = (pod.containers[0].volumeMounts ?? []) as Mount[];
      const files = (pod.volumes as Volume[]).flatMap((volume) => {
        const mount = mounts.find((m) => m.name === volume.name);
        if (!mount || volume.configMap?.name !== "voxbridge-ca") return [];
        expect([workload.metadata.name, mount.readOnly]).toEqual([workload.metadata.name, true]);
        return volume.configMap.items.map((item) => ({ file: `${mount.mountPath}/${item.path}`, key: item.key }));
      });
      for (const file of needed)
        expect([workload.metadata.name, file, files.some((f) => f.file === file)]).toEqual([workload.metadata.name, file, true]);
      for (const { key } of files) expect([key, (bundles[key] ?? "").includes("-----BEGIN CERTIFICATE-----")]).toEqual([key, true]);
    }
    // Redis's topology is chosen, not left to a default: cluster mode, which the Redis users' config accepts.
    expect(find(base, "ConfigMap", "voxbridge-config").data?.REDIS_MODE).toBe("standalone");
    expect(config.REDIS_MODE).toBe("cluster");
    expect(loadGatewayConfig(envOf(production, find(production, "Deployment", "voxbridge-gateway"))).REDIS_MODE).toBe("cluster");
    expect(loadQuotaConfig(envOf(production, find(production, "Deployment", "voxbridge-quota"))).REDIS_MODE).toBe("cluster");
  });

  it("name each release's migration Jobs after it, so a new image's Jobs never collide with the last release's", () => {
    const version = find(production, "ConfigMap", "voxbridge-config").metadata.labels?.["app.kubernetes.io/version"] as string;
    const jobs = production.filter((m) => m.kind === "Job");
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(SERVICES.map((s) => `voxbridge-${s}-migrate-${version}`).sort());
    for (const job of jobs) {
      // A Job's name becomes a label value of its pods: a DNS label of at most 63 characters.
      expect(job.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/);
      const app = job.metadata.name.split("-")[1] as string;
      const [migrate] = podSpecOf(job).containers;
      expect(migrate.command).toEqual(["node", "--enable-source-maps", "dist/migrate.js"]);
      expect(migrate.image).toBe(containerOf(find(production, "Deployment", `voxbridge-${app}`)).image);
      // The service's own database role, which owns its schema.
      const databaseKey = (workload: Manifest) =>
        containerOf(workload).env.find((e) => e.name === "DATABASE_URL")?.valueFrom?.secretKeyRef.key;
      expect([databaseKey(job), databaseKey(find(production, "Deployment", `voxbridge-${app}`))]).toEqual([
        `${app}-database-url`,
        `${app}-database-url`,
      ]);
      expect(podSpecOf(job).serviceAccountName).toBe("voxbridge-migrate");
    }
    // The webhooks Job encrypts plaintext signing secrets after migrating: it has the service's keys, and they load.
    const webhooksJob = find(production, "Job", `voxbridge-webhooks-migrate-${version}`);
    const keysOf = (workload: Manifest) =>
      containerOf(workload).env.find((e) => e.name === "WEBHOOK_SECRET_KEYS")?.valueFrom?.secretKeyRef.key;
    expect([keysOf(webhooksJob), keysOf(find(production, "Deployment", "voxbridge-webhooks"))]).toEqual([
      "webhook-secret-keys",
      "webhook-secret-keys",
    ]);
    expect(loadSecretKeyring(envOf(production, webhooksJob)).activeKeyId).toBe("k1");
    // The next release: a new version and new digests give Jobs of new names; the old ones stay as they were.
    const copy = mkdtempSync(path.join(tmpdir(), "vb-k8s-"));
    try {
      // The overlay reaches ../../../grafana too: copy the manifests and the dashboard.
      for (const dir of ["k8s", "grafana"]) cpSync(path.join(ROOT, "infra", dir), path.join(copy, dir), { recursive: true });
      const overlay = path.join(copy, "k8s/overlays/production/kustomization.yaml");
      const text = readFileSync(overlay, "utf8");
      writeFileSync(
        overlay,
        text
          .replace(`app.kubernetes.io/version: "${version}"`, 'app.kubernetes.io/version: "1.0.1"')
          .replaceAll(/sha256:0{64}/g, `sha256:${"1".repeat(64)}`),
      );
      const next = kustomize(kubectl, path.join(copy, "k8s/overlays/production"));
      const nextJobs = next.filter((m) => m.kind === "Job").map((j) => j.metadata.name);
      expect(nextJobs.sort()).toEqual(SERVICES.map((s) => `voxbridge-${s}-migrate-1.0.1`).sort());
      expect(nextJobs.filter((name) => jobs.some((j) => j.metadata.name === name))).toEqual([]);
      expect(containerOf(find(next, "Deployment", "voxbridge-gateway")).image).toMatch(/@sha256:1{64}$/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("run production on images pinned by digest, in its namespace", () => {
    const images = production.flatMap((m) => ((podSpecOf(m)?.containers ?? []) as { image: string }[]).map((c) => c.image));
    expect(images.length).toBe(10);
    expect(images.filter((image) => !/^registry\.example\.com\/voxbridge\/[a-z]+@sha256:[0-9a-f]{64}$/.test(image))).toEqual([]);
    expect(production.filter((m) => m.metadata.namespace !== "voxbridge").map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([]);
  });

  it("run production on live telephony, with the carrier's callbacks and media stream on the Ingress's hosts", () => {
    const dialerEnv = envOf(production, find(production, "Deployment", "voxbridge-dialer"));
    const dialer = loadDialerConfig(dialerEnv);
    expect(dialer.TELEPHONY_ADAPTER).toBe("twilio");
    expect([dialer.TWILIO_ACCOUNT_SID, dialer.TWILIO_AUTH_TOKEN, dialer.TWILIO_FROM_NUMBER].every(Boolean)).toBe(true);
    expect(dialer.DIALER_RETRY_DELAY_SECONDS).toBeGreaterThanOrEqual(60);
    // Twilio's default for an account: one call per second.
    expect(dialer.DIALER_CPS).toBe(1);
    const ingresses = production.filter((m) => m.kind === "Ingress");
    const route = (url: string) => {
      const { hostname, pathname } = new URL(url);
      const matches = ingresses.flatMap((ingress) =>
        (
          ingress.spec.rules as {
            host: string;
            http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] };
          }[]
        )
          .filter((rule) => rule.host === hostname)
          .flatMap((rule) => rule.http.paths.filter((p) => pathname.startsWith(p.path)))
          .map((p) => ({
            service: p.backend.service.name,
            port: p.backend.service.port.name,
            tls: (ingress.spec.tls as { hosts: string[] }[]).some((t) => t.hosts.includes(hostname)),
          })),
      );
      return matches.sort((a, b) => b.service.length - a.service.length)[0];
    };
    expect(route(`${dialer.DIALER_PUBLIC_URL}/twilio/status`)).toEqual({ service: "voxbridge-dialer", port: "http", tls: true });
    expect(route(dialer.AGENT_STREAM_URL.replace(/^wss:/, "https:"))).toEqual({ service: "voxbridge-voice", port: "http", tls: true });
    expect(route("https://api.voxbridge.example.com/v1/calls/outbound")).toEqual({ service: "voxbridge-gateway", port: "http", tls: true });
    expect(new URL(dialer.DIALER_PUBLIC_URL).protocol).toBe("https:");
    // The voice service checks Twilio's signature on the stream at the URL the dialer hands Twilio.
    const voice = loadVoiceConfig(envOf(production, find(production, "Deployment", "voxbridge-voice")));
    expect([voice.VOICE_PUBLIC_MEDIA_URL, voice.TWILIO_AUTH_TOKEN]).toEqual([dialer.AGENT_STREAM_URL, dialer.TWILIO_AUTH_TOKEN]);
    expect(voice.MEDIA_TOKEN_KEY).toBe(dialerEnv.MEDIA_TOKEN_KEY);
  });

  it("take every secret from one Secret, which the ExternalSecret fills and secret.example.yaml lists", () => {
    const referenced = [...secretKeysOf(production)].sort();
    const external = find(production, "ExternalSecret", "voxbridge-secrets");
    expect(external.spec.target.name).toBe("voxbridge-secrets");
    expect(external.spec.data.map((d: { secretKey: string }) => d.secretKey).sort()).toEqual(referenced);
    expect(Object.keys(secretValues).sort()).toEqual(referenced);
    const secretNames = new Set(
      production.flatMap((m) =>
        ((podSpecOf(m)?.containers ?? []) as { env?: EnvVar[] }[]).flatMap((c) =>
          (c.env ?? []).flatMap((e) => (e.valueFrom ? [e.valueFrom.secretKeyRef.name] : [])),
        ),
      ),
    );
    expect([...secretNames]).toEqual(["voxbridge-secrets"]);
  });

  it("allow only the documented network flows", () => {
    const policies = production.filter((m) => m.kind === "NetworkPolicy");
    const namespace = { "kubernetes.io/metadata.name": "voxbridge" };
    const podOf = (m: Manifest): Endpoint => ({
      kind: "pod",
      namespace: "voxbridge",
      namespaceLabels: namespace,
      labels: m.spec.template.metadata.labels,
      namedPorts: Object.fromEntries(containerOf(m).ports?.map((p) => [p.name, p.containerPort]) ?? []),
    });
    const pod = (app: string) => podOf(find(production, "Deployment", `voxbridge-${app}`));
    const job = podOf(production.find((m) => m.kind === "Job") as Manifest);
    const other = (ns: string, labels: Record<string, string> = {}): Endpoint => ({
      kind: "pod",
      namespace: ns,
      namespaceLabels: { "kubernetes.io/metadata.name": ns },
      labels,
    });
    const ingress = other("ingress-nginx", { "app.kubernetes.io/name": "ingress-nginx" });
    const prometheus = other("monitoring", { "app.kubernetes.io/name": "prometheus" });
    const dns = other("kube-system", { "k8s-app": "kube-dns" });
    const ip = (address: string): Endpoint => ({ kind: "ip", ip: address });
    const postgres = ip("10.20.0.5");
    const kafka = ip("10.20.1.7");
    const flows: [string, Endpoint, Endpoint, number, boolean, string?][] = [
      ["partners -> gateway", ingress, pod("gateway"), 8080, true],
      ["carrier callbacks -> dialer", ingress, pod("dialer"), 8082, true],
      ["carrier media -> voice", ingress, pod("voice"), 8084, true],
      ["gateway -> quota", pod("gateway"), pod("quota"), 8081, true],
      ["dialer -> quota", pod("dialer"), pod("quota"), 8081, true],
      ["gateway -> webhooks", pod("gateway"), pod("webhooks"), 8083, true],
      ["gateway -> voice (recordings)", pod("gateway"), pod("voice"), 8084, true],
      ["dialer's simulator -> voice (sandbox media)", pod("dialer"), pod("voice"), 8084, true],
      ...SERVICES.map(
        (s, i) => [`prometheus -> ${s} metrics`, prometheus, pod(s), 9080 + i, true] as [string, Endpoint, Endpoint, number, boolean],
      ),
      ...SERVICES.flatMap(
        (s) =>
          [
            [`${s} -> DNS`, pod(s), dns, 53, true, "UDP"],
            [`${s} -> Postgres`, pod(s), postgres, 5432, true],
            [`${s} -> Kafka (SASL_SSL)`, pod(s), kafka, 9096, true],
            [`${s} -> OTLP collector`, pod(s), other("monitoring", { app: "otel-collector" }), 4317, true],
          ] as [string, Endpoint, Endpoint, number, boolean, string?][],
      ),
      ["quota -> Redis", pod("quota"), ip("10.20.2.9"), 6379, true],
      ["gateway -> Redis Sentinel", pod("gateway"), ip("10.20.2.9"), 26379, true],
      ["webhooks -> a partner's endpoint", pod("webhooks"), ip("93.184.216.34"), 443, true],
      ["dialer -> the carrier's API", pod("dialer"), ip("54.172.60.1"), 443, true],
      ["voice -> object store", pod("voice"), ip("52.216.0.10"), 443, true],
      ["migration Job -> Postgres", job, postgres, 5432, true],
      // Not documented, so refused:
      ["partners -> quota", ingress, pod("quota"), 8081, false],
      ["partners -> webhooks", ingress, pod("webhooks"), 8083, false],
      ["partners -> gateway's management port", ingress, pod("gateway"), 9080, false],
      ["another namespace -> gateway", other("default"), pod("gateway"), 8080, false],
      ["webhooks -> quota", pod("webhooks"), pod("quota"), 8081, false],
      ["dialer -> webhooks", pod("dialer"), pod("webhooks"), 8083, false],
      ["quota -> gateway", pod("quota"), pod("gateway"), 8080, false],
      ["webhooks -> a private address", pod("webhooks"), ip("10.0.3.4"), 443, false],
      ["webhooks -> the cloud's metadata service", pod("webhooks"), ip("169.254.169.254"), 80, false],
      ["gateway -> the internet", pod("gateway"), ip("93.184.216.34"), 443, false],
      ["migration Job -> Kafka", job, kafka, 9096, false],
      ["dialer -> Redis (it uses none)", pod("dialer"), ip("10.20.2.9"), 6379, false],
      ["webhooks -> Redis (it uses none)", pod("webhooks"), ip("10.20.2.9"), 6379, false],
    ];
    const wrong = flows
      .filter(([, from, to, port, expected, protocol]) => allowed(policies, from, to, port, protocol) !== expected)
      .map(([name]) => name);
    expect(wrong).toEqual([]);
  });

  it("ship the Grafana dashboard as a ConfigMap Grafana's sidecar loads", () => {
    const dashboards = find(production, "ConfigMap", "voxbridge-dashboards");
    expect(dashboards.metadata.labels?.grafana_dashboard).toBe("1");
    expect(JSON.parse(dashboards.data?.["voxbridge-calls.json"] ?? "{}")).toEqual(
      JSON.parse(readFileSync(path.join(ROOT, "infra/grafana/voxbridge-calls.json"), "utf8")),
    );
  });

  it("scrape every service's management port with the ServiceMonitor", () => {
    const monitor = find(production, "ServiceMonitor", "voxbridge");
    const { matchExpressions } = monitor.spec.selector as { matchExpressions: { key: string; values: string[] }[] };
    const scraped = production.filter(
      (m) => m.kind === "Service" && matchExpressions.every(({ key, values }) => values.includes(m.metadata.labels?.[key] as string)),
    );
    expect(scraped.map((s) => s.metadata.name).sort()).toEqual(SERVICES.map((s) => `voxbridge-${s}`).sort());
    expect(monitor.spec.endpoints.map((e: { port: string }) => e.port)).toEqual(["management"]);
    for (const service of scraped) expect(service.spec.ports.map((p: { name: string }) => p.name)).toContain("management");
  });

  it("are released by the commands docs/deployment.md shows, on the files and labels that exist", () => {
    const doc = readFileSync(path.join(ROOT, "docs/deployment.md"), "utf8");
    const block = doc.slice(doc.indexOf("### Releasing"), doc.indexOf("### Rollouts and draining"));
    const commands = block.split("\n").filter((line) => line.startsWith("kubectl "));
    expect(commands.map((c) => c.split(" ").slice(0, 3).join(" "))).toEqual([
      "kubectl kustomize infra/k8s/overlays/production",
      "kubectl apply -k",
      "kubectl -n voxbridge",
      "kubectl apply -k",
      "kubectl -n voxbridge",
    ]);
    const version = find(production, "ConfigMap", "voxbridge-config").metadata.labels?.["app.kubernetes.io/version"] as string;
    // A kubectl label selector: `key in (a,b)` or `key=value`, comma-separated.
    const selectorOf = (command: string) => {
      const raw = (/ -l '([^']+)'| -l (\S+)/.exec(command) ?? []).slice(1).find(Boolean) ?? "";
      const set = /^(\S+) in \(([^)]*)\)$/.exec(raw);
      if (set) return { matchExpressions: [{ key: set[1] as string, operator: "In" as const, values: (set[2] as string).split(",") }] };
      return {
        matchLabels: Object.fromEntries(
          raw
            .replace("<version>", version)
            .split(",")
            .map((pair) => pair.split("=")),
        ),
      };
    };
    const picked = (command: string, kind?: string) =>
      production
        .filter((m) => (!kind || m.kind === kind) && selects(selectorOf(command), m.metadata.labels ?? {}))
        .map((m) => `${m.kind}/${m.metadata.name}`)
        .sort();
    const dirs = commands.flatMap((command) => /(?:kustomize|-k) (\S+)/.exec(command)?.[1] ?? []);
    expect(dirs).toHaveLength(3);
    expect(dirs.filter((dir) => !existsSync(path.join(ROOT, dir, "kustomization.yaml")))).toEqual([]);
    const [, first, wait, , rollout] = commands as string[];
    const jobs = SERVICES.map((s) => `Job/voxbridge-${s}-migrate-${version}`);
    expect(picked(first as string)).toEqual(
      [
        "ConfigMap/voxbridge-ca",
        "ConfigMap/voxbridge-config",
        "ExternalSecret/voxbridge-secrets",
        "ServiceAccount/voxbridge-migrate",
        ...jobs,
      ].sort(),
    );
    expect(picked(wait as string, "Job")).toEqual(jobs.sort());
    expect(picked(rollout as string, "Deployment")).toEqual(SERVICES.map((s) => `Deployment/voxbridge-${s}`).sort());
  });
});
