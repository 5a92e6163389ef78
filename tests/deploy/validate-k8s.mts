// Validates Kubernetes objects against the Kubernetes, KEDA, Prometheus Operator and External
// Secrets schemas: the OpenAPI schemas of the API server and of each CRD, compiled to validators by
// kubernetes-models and its @kubernetes-models/* packages. Reads a JSON array of
// `{ source, manifest }` on stdin and prints one line per object. Run by k8s.test.ts as its own
// process: the validators are ES modules, which Jest's CommonJS runtime cannot load.
//
// Strict, as `kubeconform -strict` is: a field the schema does not know is refused too (the API
// server would drop it without a word, so a misspelled or misplaced field never takes effect). The
// compiled validators read every property their schema declares; each object is wrapped in a Proxy
// that records those reads, and a property of an object whose schema declares properties that the
// validator never read is unknown. Objects whose schema is a map (labels, env-like string maps) are
// enumerated by the validator, and free-form objects are never looked into; both accept any key.

import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";

type Validate = (this: object) => void;
const MODELS: Record<string, { prototype: { validate: Validate } }> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/Ingress": Ingress,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
  "keda.sh/v1alpha1/TriggerAuthentication": TriggerAuthentication,
  "monitoring.coreos.com/v1/PrometheusRule": PrometheusRule,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
  "external-secrets.io/v1/ExternalSecret": ExternalSecret,
};

type Seen = { path: string; target: object; read: Set<string>; enumerated: boolean };

/** Validates `manifest`; returns the schema's complaints and the fields it does not know. */
function check(manifest: { apiVersion: string; kind: string }): string[] {
  const model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!model) return ["no schema for this kind"];
  const seen: Seen[] = [];
  const proxies = new WeakMap<object, object>();
  const track = (value: unknown, at: string): unknown => {
    if (value === null || typeof value !== "object") return value;
    const known = proxies.get(value);
    if (known) return known;
    const record: Seen = { path: at, target: value, read: new Set(), enumerated: false };
    if (!Array.isArray(value)) seen.push(record);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key !== "string") return Reflect.get(target, key, receiver);
        record.read.add(key);
        return track(Reflect.get(target, key, receiver), `${at}.${key}`);
      },
      has(target, key) {
        if (typeof key === "string") record.read.add(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor(target, key) {
        if (typeof key === "string") record.read.add(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  const problems: string[] = [];
  try {
    model.prototype.validate.call(track(manifest, "") as object);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  for (const { path, target, read, enumerated } of seen) {
    if (enumerated || read.size === 0) continue;
    for (const key of Object.keys(target))
      if (!read.has(key)) problems.push(`unknown field ${path}.${key}`.replace(/^unknown field \./, "unknown field "));
  }
  return problems;
}

// The validator must refuse what a cluster would, and what it would silently drop.
const deployment = (spec: object) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "probe" }, spec });
const pod = { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "i" }] } };
const selfChecks: [string, object, RegExp][] = [
  ["replicas as a string", deployment({ replicas: "two", selector: {}, template: pod }), /replicas/],
  ["a misspelled field", deployment({ replicass: 2, selector: {}, template: pod }), /unknown field spec\.replicass/],
  [
    "a field one level too deep",
    deployment({ selector: {}, template: { ...pod, spec: { containers: [{ name: "c", image: "i", serviceAccountName: "x" }] } } }),
    /unknown field spec\.template\.spec\.containers\.0\.serviceAccountName/,
  ],
  [
    "an alert without its expression",
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: "p" },
      spec: { groups: [{ name: "g", rules: [{ alert: "A", exprr: "up" }] }] },
    },
    /expr|unknown field/,
  ],
];
const valid = deployment({ selector: { matchLabels: { a: "b" } }, template: pod });
for (const [what, manifest, expected] of selfChecks) {
  const problems = check(manifest as never).join("; ");
  if (!expected.test(problems)) {
    console.log(`INVALID self-check: the validator did not refuse ${what} (${problems || "no problem found"})`);
    process.exit(2);
  }
}
if (check(valid).length > 0) {
  console.log(`INVALID self-check: the validator refused a valid Deployment: ${check(valid).join("; ")}`);
  process.exit(2);
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
  source: string;
  manifest: { apiVersion: string; kind: string; metadata: { name: string } };
}[];
let invalid = 0;
for (const { source, manifest } of input) {
  const name = `${source}: ${manifest.apiVersion}/${manifest.kind} ${manifest.metadata.name}`;
  const problems = check(manifest);
  if (problems.length > 0) invalid++;
  console.log(problems.length === 0 ? `valid ${name}` : `INVALID ${name}: ${problems.join("; ")}`);
}
process.exitCode = invalid > 0 ? 1 : 0;
