import type { Manifest } from "./manifests";

// Decides whether NetworkPolicies allow a connection, by the rules of the NetworkPolicy API
// (networking.k8s.io/v1): a pod selected by no policy of a direction is open in that direction; a
// selected one accepts only what some rule of a selecting policy allows, on both ends.

type Labels = Record<string, string>;
type Selector = {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
};
type Peer = { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: { cidr: string; except?: string[] } };
type PolicyPort = { protocol?: string; port?: number | string; endPort?: number };
type Rule = { from?: Peer[]; to?: Peer[]; ports?: PolicyPort[] };

/** A pod (its labels and its namespace's labels, its named ports) or an address outside the cluster. */
export type Endpoint =
  | { kind: "pod"; namespace: string; namespaceLabels: Labels; labels: Labels; namedPorts?: Record<string, number> }
  | { kind: "ip"; ip: string };

export function selects(selector: Selector | undefined, labels: Labels): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = key in labels;
    const ok =
      operator === "In"
        ? has && values.includes(labels[key] as string)
        : operator === "NotIn"
          ? !has || !values.includes(labels[key] as string)
          : operator === "Exists"
            ? has
            : !has;
    if (!ok) return false;
  }
  return true;
}

const ipNumber = (ip: string) => ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
function inCidr(ip: string, cidr: string): boolean {
  const [base = "", bits = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipNumber(ip) / size) === Math.floor(ipNumber(base) / size);
}

function peerMatches(peer: Peer, endpoint: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock)
    return (
      endpoint.kind === "ip" && inCidr(endpoint.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(endpoint.ip, c))
    );
  if (endpoint.kind === "ip") return false;
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, endpoint.namespaceLabels)
    : endpoint.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector, endpoint.labels);
}

function portMatches(ports: PolicyPort[] | undefined, port: number, protocol: string, destination: Endpoint): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined) return true;
    const number = typeof p.port === "number" ? p.port : destination.kind === "pod" ? destination.namedPorts?.[p.port] : undefined;
    if (number === undefined) return false;
    return p.endPort === undefined ? port === number : port >= number && port <= p.endPort;
  });
}

function sideAllows(
  policies: Manifest[],
  direction: "Ingress" | "Egress",
  self: Extract<Endpoint, { kind: "pod" }>,
  peer: Endpoint,
  port: number,
  protocol: string,
  destination: Endpoint,
): boolean {
  const selecting = policies.filter(
    (p) =>
      (p.metadata.namespace ?? "") === self.namespace &&
      (p.spec.policyTypes as string[]).includes(direction) &&
      selects(p.spec.podSelector, self.labels),
  );
  if (selecting.length === 0) return true;
  return selecting.some((p) =>
    ((direction === "Ingress" ? p.spec.ingress : p.spec.egress) ?? ([] as Rule[])).some((rule: Rule) => {
      const peers = direction === "Ingress" ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((q) => peerMatches(q, peer, self.namespace));
      return peerOk && portMatches(rule.ports, port, protocol, destination);
    }),
  );
}

/** Whether `from` may open a connection to `to` on `port`, by these NetworkPolicies. */
export function allowed(policies: Manifest[], from: Endpoint, to: Endpoint, port: number, protocol = "TCP"): boolean {
  const egressOk = from.kind === "ip" || sideAllows(policies, "Egress", from, to, port, protocol, to);
  const ingressOk = to.kind === "ip" || sideAllows(policies, "Ingress", to, from, port, protocol, to);
  return egressOk && ingressOk;
}
