import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/** Resolves a host name to all its addresses (node's `dns.lookup` by default; tests play DNS rebinding). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** Addresses that reach the service's own network or no one: loopback, private, link-local, CGNAT, multicast… */
const refused = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  refused.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  refused.addSubnet(network, prefix, "ipv6");

/** True for an address no endpoint may use in live mode (an IPv4-mapped IPv6 address is read as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return refused.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 4) return refused.check(address, "ipv4");
  if (family === 6) return refused.check(address, "ipv6");
  return true; // not an address at all: refuse
}

export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, a private, loopback or link-local address`);
    this.name = "RefusedAddressError";
  }
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/**
 * The addresses an endpoint's host resolves to, every one of them checked (an IP literal is
 * checked as it is). Throws RefusedAddressError when one is private and such addresses are not
 * allowed; the caller connects to one of the returned addresses, never resolving the name again.
 */
export async function resolvePublic(
  hostname: string,
  resolver: Resolver,
  allowPrivate: boolean,
): Promise<LookupAddress[]> {
  const literal = isIP(hostname);
  const addresses = literal ? [{ address: hostname, family: literal }] : await resolver(hostname);
  if (addresses.length === 0) throw new Error(`${hostname} has no address`);
  if (!allowPrivate)
    for (const { address } of addresses)
      if (isPrivateAddress(address)) throw new RefusedAddressError(hostname, address);
  return addresses;
}
