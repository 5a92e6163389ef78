// Validates every Kubernetes manifest (base, production overlay, example Secret) against the
// Kubernetes and KEDA OpenAPI schemas (kubernetes-models, @kubernetes-models/keda) and prints one
// line per object. Run by k8s.test.ts as its own process: the validators are ES modules, which
// Jest's CommonJS runtime cannot load. Exits 1 when an object is invalid or of an unknown kind.

import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { allManifests } from "./k8s-render";

const MODELS: Record<string, new (data: never) => { validate: () => void }> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
  "keda.sh/v1alpha1/TriggerAuthentication": TriggerAuthentication,
};

// The validator must refuse what a cluster would: a Deployment whose replicas is a string.
let refused = false;
try {
  new Deployment({ metadata: { name: "broken" }, spec: { replicas: "two", selector: {}, template: {} } } as never).validate();
} catch {
  refused = true;
}
if (!refused) {
  console.log('INVALID self-check: the validator accepted a Deployment with replicas "two"');
  process.exit(2);
}

let invalid = 0;
for (const { source, manifest } of allManifests()) {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = MODELS[key];
  const name = `${source}: ${key} ${manifest.metadata.name}`;
  try {
    if (!Model) throw new Error("no schema for this kind");
    new Model(manifest as never).validate();
    console.log(`valid ${name}`);
  } catch (error) {
    invalid++;
    console.log(`INVALID ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = invalid > 0 ? 1 : 0;
