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
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    // ::a.b.c.d (IPv4-compatible, deprecated) reaches the IPv4 address on some stacks; ipaddr calls it unicast.
    if (v6.parts.slice(0, 6).every((part) => part === 0)) return false;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  return parsed.range() === "unicast";
}

/**
 * Names that never lead to the public internet, whatever DNS says or fails to say: `localhost` and
 * its subdomains (RFC 6761), mDNS's `.local`, and the private-use `.internal`, `.home.arpa` and
 * `.localdomain` (`metadata.google.internal` is a cloud's metadata service).
 */
const PRIVATE_NAME = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)$/;

/** A host as DNS reads it: lower case, without the trailing dots that name the same host. */
export const canonicalHost = (hostname: string): string =>
  hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.+$/, "");

/** True for a name (not an address) that is private by definition. */
export const isPrivateName = (host: string): boolean => PRIVATE_NAME.test(canonicalHost(host));

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
  // The URL parser has already read every spelling of an IPv4 address (127.1, 0x7f.1, 2130706433,
  // 0177.0.0.1, a trailing dot) as its dotted form, and lower-cased the host; names keep their dots.
  const host = canonicalHost(parsed.hostname);
  if (ipaddr.isValid(host)) return isPublicAddress(host) ? null : { reason: `host ${host} is a non-public address` };
  if (isPrivateName(host)) return { reason: `host ${host} is a private name` };
  const addresses = await resolveOrNothing(host, options.resolve ?? lookupAll);
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
