// The comma-separated lists of TWIN_CORS_ORIGINS, TWIN_ALLOWED_HOSTS and TWIN_TRUST_PROXY, parsed
// into the exact forms they are compared with: browsers send an Origin serialised in lower case
// without a path, a Host header whose name is case-insensitive, and express's `trust proxy` takes
// addresses and subnets.
import net from 'node:net';
import { z } from 'zod';

export const OBSIDIAN_ORIGINS: readonly string[] = ['app://obsidian.md', 'capacitor://localhost', 'http://localhost'];

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/;
const HOST_NAME = /^(\[[0-9a-f:.]+\]|[a-z0-9_]([a-z0-9_.-]{0,252}))$/;

function items(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const corsOriginList = z.string().transform((text, ctx) => {
  if (text.trim().toLowerCase() === 'none') return [];
  const out: string[] = [];
  for (const item of items(text)) {
    // A wildcard would let every page the user visits read their finances.
    if (item.includes('*')) {
      ctx.addIssue({ code: 'custom', message: 'wildcards are not allowed; list each origin, e.g. app://obsidian.md,http://127.0.0.1:8080' });
      return z.NEVER;
    }
    const origin = item.toLowerCase().replace(/\/$/, '');
    if (!ORIGIN.test(origin)) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(item.slice(0, 80))} is not an origin; expected scheme://host[:port] without a path, e.g. http://127.0.0.1:8080` });
      return z.NEVER;
    }
    out.push(origin);
  }
  return [...new Set(out)];
});

export const allowedHostList = z.string().transform((text, ctx) => {
  const out: string[] = [];
  for (const item of items(text)) {
    const name = item.toLowerCase().replace(/\.$/, '');
    if (!HOST_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(item.slice(0, 80))} is not a host name; expected names without a port, e.g. digital-twin-api,twin.lan` });
      return z.NEVER;
    }
    out.push(name);
  }
  return [...new Set(out)];
});

// The names express's `trust proxy` (proxy-addr) gives to the private ranges.
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, or an address and its prefix length (CIDR), as proxy-addr takes them; null when neither. */
function proxyAddress(item: string): string | null {
  const [address, prefix, ...rest] = item.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return null;
  if (prefix === undefined) return address;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return null;
  return `${address}/${Number(prefix)}`;
}

export const trustedProxyList = z.string().transform((text, ctx) => {
  const out: string[] = [];
  for (const item of items(text)) {
    const range = item.toLowerCase();
    const entry = PROXY_RANGES.includes(range) ? range : proxyAddress(range);
    if (entry === null) {
      // Trusting every sender (`true`, `*`, a hop count) would let any client pick the address it is banned by.
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(item.slice(0, 80))} is not a proxy address; expected addresses or subnets, e.g. 127.0.0.1,10.0.0.0/8,fd7a:115c:a1e0::/48, or loopback, linklocal, uniquelocal`,
      });
      return z.NEVER;
    }
    out.push(entry);
  }
  return [...new Set(out)];
});
