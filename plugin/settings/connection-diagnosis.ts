// The connection doctor: which of the usual failures a connection test met, and its fix. Pure: it
// reads the facts the bridge client kept (the transport's error text, the HTTP status, the bridge's
// error code, Retry-After, the api_version) and says what they mean; the settings tab and the
// first-run screen only draw the answer.
import type { BridgeFailure } from '../bridge-client/bridge-client';
import { NEEDED_API_VERSION, UPGRADE_COMMANDS, bridgeIsOlder, majorMinor } from '../bridge-client/bridge-version';

export type Problem =
  | 'unreachable'
  | 'refused'
  | 'timed-out'
  | 'certificate'
  | 'wrong-key'
  | 'locked-out'
  | 'host-refused'
  | 'versions-apart'
  | 'not-a-bridge'
  | 'bridge-error';

export interface Diagnosis {
  problem: Problem;
  /** What it is, in one line. */
  title: string;
  /** What to do about it. */
  fix: string;
}

export interface DiagnosisContext {
  /** The bridge URL as set. */
  url: string;
  /** On a phone or tablet (which cannot be told to trust a certificate, and whose 127.0.0.1 is itself). */
  mobile: boolean;
}

/**
 * How each cause of "no answer" reads in the transport's error text: Chromium's `net::ERR_…` names
 * (desktop requestUrl), node's codes, Android's java.net and javax.net.ssl exceptions and iOS's
 * NSURLError texts (mobile requestUrl). The first match wins, so the specific come first: Android
 * says "ConnectException … EHOSTUNREACH" for no route, and "ConnectException … ECONNREFUSED" for refused.
 */
const NETWORK_CAUSES: readonly (readonly [Problem, RegExp])[] = [
  // TIMED_OUT (ours and Chromium's), ETIMEDOUT, "timed out" (iOS), SocketTimeoutException: timeout (Android)
  ['timed-out', /TIMED?[_ ]?OUT/i],
  // ERR_CERT_…, ERR_SSL_…, node's CERT_ codes, SSLHandshakeException, iOS's "The certificate for this server is invalid"
  ['certificate', /CERT|SSL|TLS/i],
  ['unreachable', /NAME_|UNREACH|DISCONNECTED|ENOTFOUND|EAI_|resolve|no route|hostname|offline/i],
  ['refused', /REFUSED|ConnectException|could not connect/i],
];

/** Which problem a transport error text names; unreachable when it names none of them. */
export function networkProblem(cause: string): Problem {
  return NETWORK_CAUSES.find(([, pattern]) => pattern.test(cause))?.[0] ?? 'unreachable';
}

/** The host and port of the URL (it was checked when set). */
const hostOf = (url: string) => url.replace(/^\w+:\/\/|\/.*$/g, '');

/** Retry-After's seconds (what the bridge sends with its 429) as minutes, rounded up; empty without it. */
export function timeLeft(retryAfter: string | undefined): string {
  const minutes = Math.ceil(Number(retryAfter) / 60);
  return minutes > 0 ? `, for about ${minutes} more minute${minutes === 1 ? '' : 's'}` : '';
}

/**
 * Each problem's title and fix. `{host}` is the URL's host and port, `{name}` its host name, `{left}`
 * the ban's time left, `{has}` the bridge's API version and `{needs}` the plugin's; `{phone}` is a
 * phone's extra advice. Problems the client already words (not a bridge, other errors) are not here.
 */
const PROBLEMS: Partial<Record<Problem, readonly [title: string, fix: string]>> = {
  unreachable: ['Unreachable: {host} cannot be found from here.', "Check the host name, and that this device is on the bridge's network or tailnet."],
  refused: ['Refused: nothing listens at {host}.', 'Start the bridge (npx digital-twin) and check the port.{phone}'],
  'timed-out': ['Timed out: {host} did not answer.', 'Check that the bridge runs and no firewall drops the port.'],
  certificate: ["Certificate: the bridge's certificate is not trusted (self-signed?).", '{phone}Give it a trusted one with Caddy or Tailscale (docs/security.md).'],
  'wrong-key': ['Wrong key: the bridge refused the API key (401).', "Set the bridge's key (DIGITAL_TWIN_API_KEY) or open a digital-twin pair link."],
  'locked-out': ['Locked out: too many wrong keys from here (429){left}.', 'Set the right key, then wait or restart the bridge.'],
  'host-refused': ['Host refused: the bridge does not answer to the name {name} (421).', 'Call it as localhost or 127.0.0.1, or add the name to TWIN_ALLOWED_HOSTS.'],
  'versions-apart': ['Versions apart: the bridge has {has}, this plugin needs {needs}.', '{upgrade}'],
};

/** A phone's extra advice for a problem, where it differs from a computer's. */
const ON_A_PHONE: Partial<Record<Problem, string>> = {
  refused: ' On a phone, 127.0.0.1 is the phone: open a digital-twin pair link here.',
  certificate: 'A phone cannot trust a self-signed one. ',
};

/** Whether the bridge's contract is one this plugin can work with: same major, at least the minor it needs. */
export function versionsApart(apiVersion: string | null): boolean {
  const have = majorMinor(apiVersion);
  const want = majorMinor(NEEDED_API_VERSION);
  return have === null || want === null || have.major !== want.major || bridgeIsOlder(apiVersion);
}

/** Which problem a failed request is. */
export function problemOf(failure: BridgeFailure): Problem {
  if (failure.status === undefined) return networkProblem(failure.cause ?? failure.message);
  if (failure.status === 401 || failure.status === 403) return 'wrong-key';
  if (failure.status === 429) return 'locked-out';
  if (failure.status === 421 || failure.code === 'misdirected_request') return 'host-refused';
  return failure.kind === 'invalid' ? 'not-a-bridge' : 'bridge-error';
}

/**
 * What a connection test met: `failure` when the request failed, else the api_version the bridge
 * reported (null when it named none); null when all is well.
 */
export function diagnose(ctx: DiagnosisContext, failure: BridgeFailure | null, apiVersion: string | null = NEEDED_API_VERSION): Diagnosis | null {
  let problem: Problem;
  if (failure !== null) problem = problemOf(failure);
  else if (versionsApart(apiVersion)) problem = 'versions-apart';
  else return null;
  const words = PROBLEMS[problem];
  if (words === undefined) return { problem, title: failure?.message ?? '', fix: '' };
  const host = hostOf(ctx.url);
  const older = bridgeIsOlder(apiVersion);
  const vars: Record<string, string> = {
    host,
    name: host.replace(/:\d+$/, ''),
    left: timeLeft(failure?.retryAfter),
    has: apiVersion === null ? 'no API version' : `API ${apiVersion}`,
    needs: older ? `${NEEDED_API_VERSION} or newer` : `API ${majorMinor(NEEDED_API_VERSION)?.major ?? 1}`,
    upgrade: older ? `Upgrade the bridge: ${UPGRADE_COMMANDS.package}, or ${UPGRADE_COMMANDS.clone} in a clone.` : 'Update the plugin.',
    // 127.0.0.1 on a phone is the phone: "refused" there is the phone's own port.
    phone: ctx.mobile && (problem !== 'refused' || /^(localhost|127\.|\[::1\])/.test(host)) ? (ON_A_PHONE[problem] ?? '') : '',
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
  return { problem, title: fill(words[0]), fix: fill(words[1]) };
}
