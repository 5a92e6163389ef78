import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export const ROOT = path.resolve(__dirname, "../..");
export const K8S_DIR = path.join(ROOT, "infra/k8s");

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field by the tests
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  automountServiceAccountToken?: boolean;
};

/** The path of kubectl (with Kustomize 5) or promtool, installed under .tools/ if the machine has none. */
export function deployTool(tool: "kubectl" | "promtool"): string {
  return execFileSync(path.join(ROOT, "scripts/deploy-tools.sh"), [tool], { encoding: "utf8", timeout: 300_000 }).trim();
}

function parseYaml(text: string, source: string): Manifest[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join("; ")}`);
    const value = doc.toJS() as Manifest | null;
    return value ? [value] : [];
  });
}

/** What `kubectl kustomize <dir>` renders: exactly what `kubectl apply -k <dir>` would send. */
export function kustomize(kubectl: string, dir: string): Manifest[] {
  return parseYaml(execFileSync(kubectl, ["kustomize", dir], { encoding: "utf8", timeout: 60_000 }), dir);
}

export const readManifests = (file: string) => parseYaml(readFileSync(file, "utf8"), file);

/** The pod template's spec of a workload (Deployment, Job), if it is one. */
// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field by the tests
export const podSpecOf = (manifest: Manifest): any => manifest.spec?.template?.spec;
