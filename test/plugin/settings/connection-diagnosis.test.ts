// The doctor's reading of what requestUrl threw: Chromium's names on the desktop app, the exceptions
// of Android's and iOS's network stacks on mobile, node's codes; and the HTTP answers of the bridge.
import { describe, expect, it } from 'vitest';
import { TIMED_OUT } from '../../../plugin/bridge-client/bridge-client';
import { diagnose, networkProblem, timeLeft } from '../../../plugin/settings/connection-diagnosis';
import type { Problem } from '../../../plugin/settings/connection-diagnosis';

const CAUSES: [string, Problem][] = [
  // Desktop (Electron, Chromium's net errors)
  ['net::ERR_CONNECTION_REFUSED', 'refused'],
  ['net::ERR_NAME_NOT_RESOLVED', 'unreachable'],
  ['net::ERR_NAME_RESOLUTION_FAILED', 'unreachable'],
  ['net::ERR_ADDRESS_UNREACHABLE', 'unreachable'],
  ['net::ERR_INTERNET_DISCONNECTED', 'unreachable'],
  ['net::ERR_TIMED_OUT', 'timed-out'],
  ['net::ERR_CONNECTION_TIMED_OUT', 'timed-out'],
  ['net::ERR_CERT_AUTHORITY_INVALID', 'certificate'],
  ['net::ERR_CERT_COMMON_NAME_INVALID', 'certificate'],
  ['net::ERR_SSL_PROTOCOL_ERROR', 'certificate'],
  // Android (Capacitor over java.net / OkHttp)
  ['java.net.ConnectException: Failed to connect to /192.168.1.20:5677', 'refused'],
  ['failed to connect to /10.0.0.5 (port 5677) from /:: (port 0) after 10000ms: isConnected failed: ECONNREFUSED (Connection refused)', 'refused'],
  ['java.net.ConnectException: failed to connect to /10.0.0.5 (port 5677): connect failed: EHOSTUNREACH (No route to host)', 'unreachable'],
  ['java.net.UnknownHostException: Unable to resolve host "twin.lan": No address associated with hostname', 'unreachable'],
  ['java.net.SocketTimeoutException: timeout', 'timed-out'],
  ['javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.', 'certificate'],
  // iOS (NSURLErrorDomain)
  ['Could not connect to the server.', 'refused'],
  ['A server with the specified hostname could not be found.', 'unreachable'],
  ['The Internet connection appears to be offline.', 'unreachable'],
  ['The request timed out.', 'timed-out'],
  ['The certificate for this server is invalid. You might be connecting to a server that is pretending to be “192.168.1.20”.', 'certificate'],
  // The client's own timeout, and node's codes
  [TIMED_OUT, 'timed-out'],
  ['connect ECONNREFUSED 127.0.0.1:5677', 'refused'],
  ['getaddrinfo ENOTFOUND twin.lan', 'unreachable'],
  ['self-signed certificate', 'certificate'],
  // Anything else: not reached, with the transport's words kept in the message
  ['Something nobody expected', 'unreachable'],
];

describe('what requestUrl threw', () => {
  it.each(CAUSES)('%s is %s', (cause, problem) => {
    expect(networkProblem(cause)).toBe(problem);
  });
});

describe('what the bridge answered', () => {
  const ctx = { url: 'http://192.168.1.20:5677', mobile: false };
  const failure = (status: number, extra: object = {}) => ({ ok: false as const, kind: 'http' as const, status, message: `The bridge answered ${status}.`, ...extra });

  it('401 and 403 are a wrong key; 429 a ban with its time left; 421 the Host check', () => {
    expect(diagnose(ctx, { ...failure(401), kind: 'unauthorised' })?.problem).toBe('wrong-key');
    expect(diagnose(ctx, { ...failure(403), kind: 'unauthorised' })?.problem).toBe('wrong-key');
    expect(diagnose(ctx, failure(429, { retryAfter: '3599' }))?.title).toBe('Locked out: too many wrong keys from here (429), for about 60 more minutes.');
    expect(diagnose(ctx, failure(429, { retryAfter: '30' }))?.title).toBe('Locked out: too many wrong keys from here (429), for about 1 more minute.');
    expect(diagnose(ctx, failure(429))?.title).toBe('Locked out: too many wrong keys from here (429).');
    expect(diagnose(ctx, failure(421, { code: 'misdirected_request' }))?.title).toBe('Host refused: the bridge does not answer to the name 192.168.1.20 (421).');
  });

  it('other failures keep the words of the client, with no fix', () => {
    expect(diagnose(ctx, failure(500))).toEqual({ problem: 'bridge-error', title: 'The bridge answered 500.', fix: '' });
  });

  it('an answer is well when its api_version is the one needed or a newer minor', () => {
    expect(diagnose(ctx, null)).toBeNull();
    expect(diagnose(ctx, null, '1.9.0')).toBeNull();
    expect(diagnose(ctx, null, '0.9.0')?.problem).toBe('versions-apart');
    expect(diagnose(ctx, null, '2.0.0')?.problem).toBe('versions-apart');
    expect(diagnose(ctx, null, null)?.problem).toBe('versions-apart');
  });

  it('reads Retry-After as seconds', () => {
    expect(timeLeft('60')).toBe(', for about 1 more minute');
    expect(timeLeft('61')).toBe(', for about 2 more minutes');
    expect(timeLeft(undefined)).toBe('');
    expect(timeLeft('soon')).toBe('');
  });
});
