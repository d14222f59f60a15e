// Which browser pages may talk to /mcp. The specification asks local servers to refuse a foreign
// Origin (a page that rebinds its name to 127.0.0.1 sends its own): accepted are the TWIN_CORS_ORIGINS
// list and pages served under a name of this bridge; requests without an Origin (agents) pass.
import { LOOPBACK_HOST_NAMES, hostName } from '../http/host-check';

export interface OriginRule {
  corsOrigins: readonly string[];
  /** Host names the Host check accepts besides loopback ones; null when Host is not checked (beyond loopback). */
  hostNames: readonly string[] | null;
}

export function acceptedOrigin(origin: string, hostHeader: string | undefined, rule: OriginRule): boolean {
  const text = origin.trim().toLowerCase();
  if (rule.corsOrigins.includes(text)) return true;
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const name = url.hostname.replace(/\.$/, '');
  if (rule.hostNames !== null) return LOOPBACK_HOST_NAMES.includes(name) || rule.hostNames.includes(name);
  // Beyond loopback: only a page served under the very name the request is sent to.
  return typeof hostHeader === 'string' && hostName(hostHeader) === name;
}
