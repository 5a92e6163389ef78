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

/**
 * Why a webhook URL may not be called, or null when it may: http(s) only, no credentials, and
 * (unless private networks are allowed) every address its host resolves to must be public. Checked
 * at creation; the deliverer checks again on the address it connects to (DNS rebinding).
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
  const resolve =
    options.resolve ?? (async (name: string) => (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address));
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return { reason: `host ${host} does not resolve` };
  }
  if (addresses.length === 0) return { reason: `host ${host} does not resolve` };
  const blocked = addresses.find((address) => !isPublicAddress(address));
  return blocked ? { reason: `host ${host} resolves to a non-public address (${blocked})` } : null;
}
