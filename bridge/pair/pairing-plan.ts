// What `digital-twin pair` says: the URL a phone should use (given, or proposed from the bridge's
// settings and this machine's addresses), why there is none when the phone could not reach the
// bridge, and the warnings that go with a link carrying the key. Pure: the caller reads the settings
// and the network interfaces.
import { isLoopback } from '../config/config';

export interface PairingInputs {
  /** The URL given with `--url`, already checked; null to propose one. */
  givenUrl: string | null;
  /** This machine's IPv4 addresses, the likeliest home-network one first (lan-addresses.ts). */
  addresses: string[];
  host: string;
  port: number;
  trustProxy: string[];
  allowedHosts: string[];
  key: string | null;
  /** Where the settings came from when not this folder's (.env, the environment, flags): the service's env file. */
  settingsFile: string | null;
  /** True inside a container, whose own addresses are seldom the ones a phone reaches. */
  inContainer: boolean;
}

export interface PairingPlan {
  /** null when no URL would reach the bridge from a phone: `problems` says why and what to set. */
  url: string | null;
  problems: string[];
  notes: string[];
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);
const HTTPS_DOCS = 'docs/security.md, "Behind a reverse proxy"';

const hostInUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

function loopbackOnly(i: PairingInputs): string[] {
  return [
    `The bridge listens on ${i.host} (HOST), this machine only: a phone cannot reach it.`,
    `  The safe way: put https in front of it (Caddy, or \`tailscale serve\`: ${HTTPS_DOCS}), then run`,
    '  `digital-twin pair --url https://<that name>`.',
    '  On a home network whose every device you trust: set HOST=0.0.0.0 and DIGITAL_TWIN_API_KEY',
    '  (`digital-twin key` prints one) where the bridge reads its settings, restart it, and run `digital-twin pair` again.',
  ];
}

/** The URL to propose when none was given, or the problems that stop a phone from reaching the bridge. */
function proposedUrl(i: PairingInputs): { url: string | null; problems: string[]; notes: string[] } {
  if (isLoopback(i.host)) {
    // Behind a trusted proxy, the name it serves is the phone's way in.
    const served = i.trustProxy.length > 0 ? i.allowedHosts[0] : undefined;
    if (served) return { url: `https://${served}`, problems: [], notes: [`Proposed from TWIN_ALLOWED_HOSTS, the name your proxy serves; if that is wrong, pass --url.`] };
    return { url: null, problems: loopbackOnly(i), notes: [] };
  }
  if (!ANY_ADDRESS.has(i.host)) return { url: `http://${hostInUrl(i.host)}:${i.port}`, problems: [], notes: [] };
  const [first, ...others] = i.addresses;
  if (first === undefined) {
    return { url: null, problems: ['This machine has no network address a phone could reach (no non-internal IPv4 address): pass --url.'], notes: [] };
  }
  const notes = ["Proposed from this machine's network address: the phone must be on the same network. Another address: pass --url."];
  if (others.length > 0) notes.push(`This machine's other addresses: ${others.join(', ')}.`);
  if (i.inContainer) {
    notes.push("This runs in a container: its address is the container's, not the host's. Pass --url with the host's address and the published port (e.g. --url http://<host address>:5677).");
  }
  return { url: `http://${first}:${i.port}`, problems: [], notes };
}

function warnings(url: string, key: string | null): string[] {
  const out: string[] = [];
  if (key) out.push('The link and the QR code carry the API key: treat them as a password (no screenshots, no chats, no shared notes).');
  else out.push(`The bridge has no API key: anyone who reaches ${url} reads your finances, training and pantry. Set DIGITAL_TWIN_API_KEY.`);
  const { protocol, hostname } = new URL(url);
  if (protocol === 'http:' && !isLoopback(hostname.replace(/^\[|\]$/g, ''))) {
    out.push(`Plain http: the key and every answer cross the network readable by anyone on it. Prefer https (Caddy or Tailscale: ${HTTPS_DOCS}).`);
  }
  return out;
}

function givenUrl(i: PairingInputs, url: string): { url: string; problems: string[]; notes: string[] } {
  const direct = isLoopback(i.host) && i.trustProxy.length === 0 && !isLoopback(new URL(url).hostname);
  return { url, problems: [], notes: direct ? [`The bridge listens on ${i.host} only: ${url} reaches it only through a proxy or tunnel on this machine.`] : [] };
}

export function pairingPlan(i: PairingInputs): PairingPlan {
  const chosen = i.givenUrl === null ? proposedUrl(i) : givenUrl(i, i.givenUrl);
  const from = i.settingsFile ? [`Settings read from ${i.settingsFile} (the bridge installed as a service).`] : [];
  if (chosen.url === null) return { url: null, problems: chosen.problems, notes: from };
  return { url: chosen.url, problems: [], notes: [...from, ...chosen.notes, ...warnings(chosen.url, i.key)] };
}
