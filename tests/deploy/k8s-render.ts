import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export const K8S_DIR = path.resolve(__dirname, "../../infra/k8s");

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field by the tests
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

type Kustomization = {
  resources: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string> }[];
  images?: { name: string; newTag: string }[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
};

const readYaml = (file: string) =>
  parseAllDocuments(readFileSync(file, "utf8")).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return doc.toJS() as unknown;
  });

/**
 * Renders a kustomization the way `kubectl kustomize` does for the few transformers this project
 * uses (resources, labels, namespace, image tags, JSON patches with `replace`), so the tests can
 * validate what a cluster would receive without kubectl. Anything else it meets is an error.
 */
export function renderKustomization(dir: string): Manifest[] {
  const [kustomization] = readYaml(path.join(dir, "kustomization.yaml")) as [Kustomization];
  const known = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"]);
  const unknown = Object.keys(kustomization).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${dir}: kustomization fields this renderer does not know: ${unknown.join(", ")}`);
  const manifests = kustomization.resources.flatMap((resource) => {
    const target = path.join(dir, resource);
    return resource.endsWith(".yaml") ? (readYaml(target) as Manifest[]) : renderKustomization(target);
  });
  for (const manifest of manifests) {
    for (const { pairs } of kustomization.labels ?? []) manifest.metadata.labels = { ...manifest.metadata.labels, ...pairs };
    if (kustomization.namespace) manifest.metadata.namespace = kustomization.namespace;
    for (const container of podSpecOf(manifest)?.containers ?? []) {
      const image = kustomization.images?.find((i) => container.image.split(":")[0] === i.name);
      if (image) container.image = `${image.name}:${image.newTag}`;
    }
  }
  for (const { target, patch } of kustomization.patches ?? []) {
    const manifest = manifests.find((m) => m.kind === target.kind && m.metadata.name === target.name);
    if (!manifest) throw new Error(`${dir}: a patch targets ${target.kind}/${target.name}, which is not rendered`);
    const ops = (parseAllDocuments(patch)[0]?.toJS() ?? []) as { op: string; path: string; value: unknown }[];
    for (const op of ops) {
      if (op.op !== "replace") throw new Error(`${dir}: patch op ${op.op} is not supported here`);
      const keys = op.path.split("/").slice(1);
      const last = keys.pop() as string;
      // biome-ignore lint/suspicious/noExplicitAny: walking a JSON pointer
      let node: any = manifest;
      for (const key of keys) node = node?.[key];
      if (node === undefined || !(last in node)) throw new Error(`${dir}: patch path ${op.path} is not in ${target.kind}/${target.name}`);
      node[last] = op.value;
    }
  }
  return manifests;
}

/** The pod template's spec of a workload (Deployment, Job), if it is one. */
// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field by the tests
export const podSpecOf = (manifest: Manifest): any => manifest.spec?.template?.spec;

/** Every manifest a user applies: the base, the production overlay, and the example Secret. */
export function allManifests(): { source: string; manifest: Manifest }[] {
  return [
    ...renderKustomization(path.join(K8S_DIR, "base")).map((manifest) => ({ source: "base", manifest })),
    ...renderKustomization(path.join(K8S_DIR, "overlays/production")).map((manifest) => ({ source: "overlays/production", manifest })),
    ...(readYaml(path.join(K8S_DIR, "secret.example.yaml")) as Manifest[]).map((manifest) => ({ source: "secret.example.yaml", manifest })),
  ];
}
