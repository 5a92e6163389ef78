import { readFileSync } from "node:fs";
import path from "node:path";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { loadGatewayConfig } from "@voxbridge/gateway/config";
import { loadQuotaConfig } from "@voxbridge/quota/config";
import { loadVoiceConfig } from "@voxbridge/voice/config";
import { loadWebhooksConfig } from "@voxbridge/webhooks/config";

// docs/deployment.md, "Every setting, per service": the one table of what a platform team sets,
// checked against what each service's configuration loader really reads, defaults and requires.
const ROOT = path.resolve(__dirname, "../..");
const LOADERS = {
  gateway: loadGatewayConfig,
  quota: loadQuotaConfig,
  dialer: loadDialerConfig,
  webhooks: loadWebhooksConfig,
  voice: loadVoiceConfig,
} as const;
type Service = keyof typeof LOADERS;
const SERVICES = Object.keys(LOADERS) as Service[];

type Row = { readBy: string; default: string; production: string; what: string };

function tableRows(): Map<string, Row> {
  const text = readFileSync(path.join(ROOT, "docs/deployment.md"), "utf8");
  const section = text.slice(text.indexOf("## Every setting, per service"));
  const body = section.slice(0, section.indexOf("\n## ", 1));
  const rows = new Map<string, Row>();
  for (const line of body.split("\n")) {
    const cells = /^\| `([A-Z][A-Z0-9_]*)` +\|(.*)\|$/.exec(line);
    if (!cells) continue;
    const [readBy = "", value = "", production = "", what = ""] = (cells[2] ?? "").split(" | ").map((cell) => cell.trim());
    rows.set(cells[1] as string, { readBy, default: value, production, what });
  }
  return rows;
}

/** The variables a loader reads: it is handed an environment that notes every name asked for. */
function variablesRead(load: (env: Record<string, string | undefined>) => unknown): string[] {
  const read: string[] = [];
  const env = new Proxy({} as Record<string, string | undefined>, {
    get(_target, name) {
      if (typeof name === "string" && !read.includes(name)) read.push(name);
      return undefined;
    },
  });
  load(env);
  return read;
}

const shown = (value: unknown) =>
  value === undefined ? "unset" : Array.isArray(value) ? value.join(",") || "empty" : String(value) === "" ? "empty" : String(value);

describe("docs/deployment.md's table of every setting", () => {
  const rows = tableRows();
  const readBy = new Map<string, Service[]>();
  for (const service of SERVICES)
    for (const name of variablesRead(LOADERS[service])) readBy.set(name, [...(readBy.get(name) ?? []), service]);

  it("has a row for every variable the loaders read, and none they do not", () => {
    expect(readBy.size).toBeGreaterThan(80);
    expect([...readBy.keys()].filter((name) => !rows.has(name))).toEqual([]);
    expect([...rows.keys()].filter((name) => !readBy.has(name))).toEqual([]);
  });

  it("names the services that read each", () => {
    for (const [name, services] of readBy) {
      const expected = services.length === SERVICES.length ? "all" : services.join(", ");
      expect([name, rows.get(name)?.readBy]).toEqual([name, expected]);
    }
  });

  it("marks required exactly the variables a production process refuses to start without", () => {
    for (const service of SERVICES) {
      let refusal = "";
      try {
        LOADERS[service]({ NODE_ENV: "production" });
      } catch (error) {
        refusal = (error as Error).message;
      }
      const required = [...refusal.matchAll(/^ {2}(\w+): required when NODE_ENV=production/gm)].map((match) => match[1] as string);
      expect(required.length).toBeGreaterThan(0);
      for (const [name, services] of readBy) {
        if (!services.includes(service)) continue;
        const marked = rows.get(name)?.production.startsWith("required") ?? false;
        // A variable several services read is required for all of them, or the row names which.
        expect([service, name, marked]).toEqual([service, name, required.includes(name)]);
      }
    }
  });

  it("gives each default as the loaders apply it (local-only values not spelled out)", () => {
    for (const [name, services] of readBy) {
      const row = rows.get(name);
      const defaults = services.map((service) => [service, shown((LOADERS[service]({}) as Record<string, unknown>)[name])] as const);
      const distinct = [...new Set(defaults.map(([, value]) => value))];
      const expected = distinct.length === 1 ? distinct[0] : defaults.map(([service, value]) => `${service} ${value}`).join(", ");
      const localOnly = row?.default === "a local-only value" && row.production.startsWith("required");
      expect([name, localOnly ? "a local-only value" : expected]).toEqual([name, row?.default]);
    }
  });

  it("says what each one is", () => {
    expect([...rows].filter(([, row]) => row.what.length < 10).map(([name]) => name)).toEqual([]);
  });
});
