import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/**
 * True only for globally routable unicast addresses. Loopback, private (RFC 1918), link-local,
 * CGNAT (100.64/10), unique-local (fc00::/7), multicast, reserved, unspecified, documentation and
 * IPv4-mapped/translated forms of any of those are not.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

export type DestinationRefusal = { reason: string };

/** How long the creation-time check waits for DNS before taking the host on trust. */
const RESOLVE_TIMEOUT_MS = 2_000;

const lookupAll = async (name: string) => (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Why a webhook URL may not be called, or null when it may: http(s) only, no credentials, and
 * (unless private networks are allowed) no literal non-public address and no host that resolves to
 * one. A host that does not resolve (yet, or this minute) is accepted: DNS fails transiently and
 * partners often set hosts up after creating calls. This is a creation-time courtesy; the deliverer
 * checks the address it actually connects to on every attempt (which also defeats DNS rebinding).
 */
export async function refuseDestination(
  url: string,
  options: { allowPrivateNetworks: boolean; resolve?: (host: string) => Promise<string[]> },
): Promise<DestinationRefusal | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: "not a URL" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { reason: "only http and https URLs are allowed" };
  if (parsed.username || parsed.password) return { reason: "URLs with credentials are not allowed" };
  if (options.allowPrivateNetworks) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = ipaddr.isValid(host) ? [host] : await resolveOrNothing(host, options.resolve ?? lookupAll);
  const blocked = addresses.find((address) => !isPublicAddress(address));
  return blocked ? { reason: `host ${host} resolves to a non-public address (${blocked})` } : null;
}

/** The host's addresses, or none when it does not resolve within the timeout. */
async function resolveOrNothing(host: string, resolve: (host: string) => Promise<string[]>): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((done) => {
    timer = setTimeout(() => done([]), RESOLVE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([resolve(host), timeout]);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}
