import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { deployTool, K8S_DIR, ROOT, readManifests } from "./manifests";

// The PrometheusRule's alerts, checked by Prometheus's own promtool: the rules parse and lint, and
// each alert fires on synthetic series in alerts.promtool.yaml (and stays quiet in its healthy cases).
const promtool = deployTool("promtool");
const [rule] = readManifests(path.join(K8S_DIR, "monitoring/prometheus-rule.yaml"));
type RuleGroup = {
  name: string;
  rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }[];
};
const groups = (rule?.spec.groups ?? []) as RuleGroup[];
const alerts = groups.flatMap((g) => g.rules.filter((r) => r.alert));
const unitTests = parse(readFileSync(path.join(__dirname, "alerts.promtool.yaml"), "utf8")) as {
  tests: { name: string; alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
};

/** Runs promtool in a directory holding the rules as Prometheus reads them (the PrometheusRule's spec). */
function promtoolRun(args: string[]): { status: number; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "vb-rules-"));
  try {
    writeFileSync(path.join(dir, "rules.yaml"), stringify(rule?.spec));
    copyFileSync(path.join(__dirname, "alerts.promtool.yaml"), path.join(dir, "alerts.promtool.yaml"));
    try {
      return { status: 0, output: execFileSync(promtool, args, { cwd: dir, encoding: "utf8", stdio: "pipe" }) };
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("alerts (infra/k8s/monitoring/prometheus-rule.yaml)", () => {
  it("pass promtool check rules", () => {
    const { status, output } = promtoolRun(["check", "rules", "rules.yaml"]);
    expect([status, output]).toEqual([0, expect.stringContaining(`SUCCESS: ${groups.flatMap((g) => g.rules).length} rules found`)]);
  });

  it("fire on synthetic series in promtool test rules, and stay quiet on healthy ones", () => {
    const { status, output } = promtoolRun(["test", "rules", "alerts.promtool.yaml"]);
    expect([status, output.trim()]).toEqual([0, expect.stringMatching(/SUCCESS$/)]);
  }, 30_000);

  it("are each tested firing, and each has a severity, a summary and a runbook that exist", () => {
    const fired = new Set(unitTests.tests.flatMap((t) => t.alert_rule_test.filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname)));
    expect(alerts.map((a) => a.alert).filter((name) => !fired.has(name as string))).toEqual([]);
    for (const alert of alerts) {
      expect([alert.alert, alert.labels?.severity]).toEqual([alert.alert, expect.stringMatching(/^(page|ticket)$/)]);
      expect([alert.alert, alert.annotations?.summary?.length]).toEqual([alert.alert, expect.any(Number)]);
      expect([alert.alert, readFileSync(path.join(ROOT, alert.annotations?.runbook ?? "missing"), "utf8").length]).toEqual([
        alert.alert,
        expect.any(Number),
      ]);
    }
  });

  it("use only metrics the services document, with the voxbridge_ prefix and without a `service` label", () => {
    const documented = readFileSync(path.join(ROOT, "docs/observability.md"), "utf8");
    const expressions = groups.flatMap((g) => g.rules.map((r) => r.expr)).join("\n");
    const ours = [...new Set(expressions.match(/\bvoxbridge_[a-z_]+/g) ?? [])]
      .filter((name) => name !== "voxbridge_service") // the services' own label, not a metric
      .map((m) => m.replace(/_(bucket|count|sum)$/, ""));
    expect(ours.length).toBeGreaterThan(10);
    expect(ours.filter((metric) => !documented.includes(`\`${metric}`))).toEqual([]);
    expect(expressions).not.toMatch(/\bservice=|by \(service\)/);
  });
});
