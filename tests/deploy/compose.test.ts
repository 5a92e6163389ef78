import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import dockerignore from "@balena/dockerignore";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { loadGatewayConfig } from "@voxbridge/gateway/config";
import { loadQuotaConfig } from "@voxbridge/quota/config";
import { loadVoiceConfig } from "@voxbridge/voice/config";
import { loadSecretKeyring, loadWebhooksConfig } from "@voxbridge/webhooks/config";
import { parse } from "yaml";

// No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked by reading them:
// every service gets every variable its production config requires, each URL names a compose
// service on the port that service listens on, and the image recipe refers only to what exists.
const ROOT = path.resolve(__dirname, "../..");
type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string>; target?: string };
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
};
// Compose interpolates `${NAME:?message}` from the environment or .env: the tokens a deployer sets.
const DEPLOYER_ENV: Record<string, string> = {
  GATEWAY_SERVICE_TOKEN: "g".repeat(32),
  DIALER_SERVICE_TOKEN: "d".repeat(32),
  MEDIA_TOKEN_KEY: "m".repeat(32),
  S3_SECRET_ACCESS_KEY: "s".repeat(32),
  WEBHOOK_SECRET_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
};
const interpolated = readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8").replace(
  /\$\{(\w+)(?::\?[^}]*)?\}/g,
  (_m, name: string) => {
    const value = DEPLOYER_ENV[name];
    if (value === undefined) throw new Error(`docker-compose.yml interpolates ${name}, which the test does not know`);
    return value;
  },
);
const compose = parse(interpolated, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const APPS = {
  gateway: { load: loadGatewayConfig, portVariable: "GATEWAY_PORT" },
  quota: { load: loadQuotaConfig, portVariable: "QUOTA_PORT" },
  dialer: { load: loadDialerConfig, portVariable: "DIALER_PORT" },
  webhooks: { load: loadWebhooksConfig, portVariable: "WEBHOOKS_PORT" },
  voice: { load: loadVoiceConfig, portVariable: "VOICE_PORT" },
} as const;
type App = keyof typeof APPS;
// The servers' images listen on their standard ports; each app on its own port variable.
const SERVER_PORTS: Record<string, string> = { postgres: "5432", redis: "6379", kafka: "9092" };
const listeningPort = (host: string) => (host in APPS ? envOf(host)[APPS[host as App].portVariable] : SERVER_PORTS[host]);
const envOf = (name: string) => Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [k, String(v)]));

describe("docker-compose.yml", () => {
  it.each(Object.keys(APPS) as App[])("gives the %s every variable its production config requires", (app) => {
    const env = envOf(app);
    expect(env.NODE_ENV).toBe("production");
    expect(() => APPS[app].load(env)).not.toThrow();
  });

  it.each(Object.keys(APPS) as App[])("points each of the %s's URLs at a compose service, on the port it listens on", (app) => {
    const env = envOf(app);
    const addresses = [
      ...Object.entries(env)
        .filter(([name]) => name.endsWith("_URL"))
        .map(([name, value]) => [name, new URL(value)] as const),
      ...(env.KAFKA_BROKERS ?? "").split(",").map((broker) => ["KAFKA_BROKERS", new URL(`kafka://${broker}`)] as const),
    ];
    expect(addresses.length).toBeGreaterThanOrEqual(3);
    for (const [name, url] of addresses) {
      expect([name, url.hostname in services]).toEqual([name, true]);
      expect([name, url.hostname, url.port]).toEqual([name, url.hostname, listeningPort(url.hostname)]);
    }
  });

  it("gives every caller of an internal API a token its server accepts, under the caller's own name", () => {
    const quotaAccepts = loadQuotaConfig(envOf("quota")).INTERNAL_API_TOKENS;
    const webhooksAccepts = loadWebhooksConfig(envOf("webhooks")).INTERNAL_API_TOKENS;
    expect(quotaAccepts.gateway).toBe(loadGatewayConfig(envOf("gateway")).QUOTA_API_TOKEN);
    expect(quotaAccepts.dialer).toBe(loadDialerConfig(envOf("dialer")).QUOTA_API_TOKEN);
    expect(webhooksAccepts.gateway).toBe(loadGatewayConfig(envOf("gateway")).WEBHOOKS_API_TOKEN);
    const voiceAccepts = loadVoiceConfig(envOf("voice")).INTERNAL_API_TOKENS;
    expect(voiceAccepts.dialer).toBe(loadDialerConfig(envOf("dialer")).VOICE_API_TOKEN);
  });

  it("publishes only the gateway, on the port it listens on", () => {
    const published = Object.entries(services).filter(([, s]) => s.ports !== undefined);
    expect(published.map(([name]) => name)).toEqual(["gateway"]);
    expect(services.gateway?.ports).toEqual([`${envOf("gateway").GATEWAY_PORT}:${envOf("gateway").GATEWAY_PORT}`]);
  });

  it.each(Object.keys(APPS) as App[])("migrates the %s once, in its own one-shot, before any replica starts", (app) => {
    const migrate = services[`${app}-migrate`];
    expect(migrate?.command).toEqual(["node", "--enable-source-maps", "dist/migrate.js"]);
    expect(migrate?.image).toBe(services[app]?.image);
    expect(services[app]?.depends_on?.[`${app}-migrate`]?.condition).toBe("service_completed_successfully");
    // The service itself runs the image's command (the compiled entry point), with no migration step.
    expect(services[app]?.command).toBeUndefined();
    // The migration runner reads only NODE_ENV and DATABASE_URL, and refuses a localhost default in production.
    expect(envOf(`${app}-migrate`)).toMatchObject({ NODE_ENV: "production", DATABASE_URL: envOf(app).DATABASE_URL });
  });

  it("gives the webhooks migration step the service's own keys, which it needs to encrypt plaintext secrets", () => {
    expect(envOf("webhooks-migrate").WEBHOOK_SECRET_KEYS).toBe(envOf("webhooks").WEBHOOK_SECRET_KEYS);
    expect(loadSecretKeyring(envOf("webhooks-migrate")).activeKeyId).toBe("k1");
  });

  it("depends only on services it defines, and builds each image for its own service", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect([name, dependency in services]).toEqual([name, true]);
    }
    const built = Object.entries(services).flatMap(([name, service]) => (service.build ? [[name, service.build] as const] : []));
    expect(built.map(([name]) => name).sort()).toEqual(
      Object.keys(APPS)
        .flatMap((app) => [app, `${app}-migrate`])
        .sort(),
    );
    for (const [name, build] of built) {
      expect([name, existsSync(path.join(ROOT, build.context, build.dockerfile))]).toEqual([name, true]);
      expect([name, build.args?.SERVICE]).toEqual([name, name.replace(/-migrate$/, "")]);
    }
  });

  it("pins every image it pulls to a release, the same Kafka and S3Proxy the project's scripts run", () => {
    const pulled = Object.entries(services).flatMap(([name, service]) =>
      service.image && !service.build ? [[name, service.image] as const] : [],
    );
    for (const [name, image] of pulled) expect([name, /:(\d[\w.-]*)$/.test(image)]).toEqual([name, true]);
    const versionIn = (file: string, pattern: RegExp) => pattern.exec(readFileSync(path.join(ROOT, file), "utf8"))?.[1];
    expect(services.kafka?.image).toBe(`apache/kafka:${versionIn("infra/kafka/pom.xml", /<kafka\.version>(.+)<\/kafka\.version>/)}`);
    expect(services.s3proxy?.image).toBe(`andrewgaul/s3proxy:${versionIn("infra/s3proxy/s3proxy.sh", /^S3PROXY_VERSION=(.+)$/m)}`);
  });
});

describe("infra/docker/service.Dockerfile", () => {
  const text = readFileSync(path.join(ROOT, "infra/docker/service.Dockerfile"), "utf8");
  const lines = text.split("\n").filter((line) => !line.startsWith("#"));
  const stages = lines.flatMap((line) => /^FROM \S+ AS (\S+)/.exec(line)?.[1] ?? []);

  it("copies only files that exist, from stages it defines", () => {
    const copies = lines
      .filter((l) => l.startsWith("COPY "))
      .map((line) => {
        const words = line.split(/\s+/).slice(1);
        const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
        return { line, from, sources: words.filter((w) => !w.startsWith("--")).slice(0, -1) };
      });
    const fromStages = copies.filter((copy) => copy.from !== undefined);
    const fromContext = copies.filter((copy) => copy.from === undefined);
    expect([fromStages.length > 0, fromContext.length > 0]).toEqual([true, true]);
    for (const { line, from } of fromStages) expect([line, stages.includes(from ?? "")]).toEqual([line, true]);
    for (const { line, sources } of fromContext)
      for (const source of sources) expect([line, existsSync(path.join(ROOT, source))]).toEqual([line, true]);
    for (const script of text.match(/scripts\/[\w.-]+/g) ?? [])
      expect([script, existsSync(path.join(ROOT, script))]).toEqual([script, true]);
  });

  it("runs the compiled entry point as a non-root user under tini, with a health check", () => {
    const runtime = text.slice(text.lastIndexOf("FROM "));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(runtime).toContain('CMD ["node", "--max-semi-space-size=4", "dist/main.js"]');
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    // The build emits that entry point (scripts/build.mjs).
    expect(readFileSync(path.join(ROOT, "scripts/build.mjs"), "utf8")).toContain('entryPoints: ["src/main.ts", "src/migrate.ts"]');
  });
});

describe(".dockerignore", () => {
  // Docker's own matching rules (the library docker-compose tools use), against the repository's paths.
  const ignored = dockerignore({ ignorecase: false }).add(readFileSync(path.join(ROOT, ".dockerignore"), "utf8"));

  it("keeps local run files, logs and secrets out of the build context", () => {
    const local = [
      ".run/demo.json", // the demo org's API key and webhook secret (scripts/up.sh)
      ".run/gateway.pid",
      ".run/logs/gateway.log",
      ".run/jest-results.json",
      "kafka.log",
      "services/dialer/dialer.log",
      ".env",
      "services/gateway/.env",
      ".env.production",
      ".tools/kubectl/kubectl",
      "node_modules/.pnpm/lock.yaml",
      "services/gateway/dist/main.js",
    ];
    expect(local.filter((file) => !ignored.ignores(file))).toEqual([]);
  });

  it("keeps everything the image build copies and compiles", () => {
    const needed = [
      "package.json",
      "pnpm-lock.yaml",
      "pnpm-workspace.yaml",
      "patches",
      "scripts/deploy-service.sh",
      "scripts/build.mjs",
      "packages/kit/src/index.ts",
      "services/gateway/src/main.ts",
      "services/gateway/prisma/schema.prisma",
    ];
    expect(needed.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
    expect(needed.filter((file) => ignored.ignores(file))).toEqual([]);
  });
});
