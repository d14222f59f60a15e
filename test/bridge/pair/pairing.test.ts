// The pure parts of `digital-twin pair`: the link the plugin reads, the address proposed to the phone,
// what is said when the phone could not reach the bridge, and the QR code as terminal text.
import fc from 'fast-check';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { lanAddresses } from '../../../bridge/pair/lan-addresses';
import { pairingLink, parsePairingUrl } from '../../../bridge/pair/pairing-link';
import { pairingPlan, type PairingInputs } from '../../../bridge/pair/pairing-plan';
import { halfBlocks, terminalQr } from '../../../bridge/pair/terminal-qr';
import { modulesOf } from './qr-text';

describe('the pairing link', () => {
  it('is obsidian://digital-twin with the URL and key encoded as URI components', () => {
    expect(pairingLink('http://192.168.1.20:5677', 'a+b/c=d&e')).toBe('obsidian://digital-twin?url=http%3A%2F%2F192.168.1.20%3A5677&key=a%2Bb%2Fc%3Dd%26e');
  });

  it('leaves the key out when the bridge has none', () => {
    expect(pairingLink('https://twin.example.com', null)).toBe('obsidian://digital-twin?url=https%3A%2F%2Ftwin.example.com');
  });

  it('gives back any URL and key to a reader of its query', () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.string({ minLength: 1 }), (url, key) => {
        const query = new URL(pairingLink(url, key)).searchParams;
        expect([query.get('url'), query.get('key')]).toEqual([url, key]);
      }),
    );
  });

  it('takes an http or https base URL, without the trailing slash', () => {
    expect(parsePairingUrl('https://twin.example.com/')).toEqual({ ok: true, url: 'https://twin.example.com' });
    expect(parsePairingUrl('http://10.0.0.7:5677/twin/')).toEqual({ ok: true, url: 'http://10.0.0.7:5677/twin' });
    for (const bad of ['twin.lan:5677', 'ftp://twin.lan', 'https://twin.lan/?key=x', 'https://me:pw@twin.lan']) expect(parsePairingUrl(bad).ok).toBe(false);
  });
});

const nic = (address: string, o: { family?: string; internal?: boolean } = {}) => ({ address, family: 'IPv4', internal: false, ...o });

describe("the machine's addresses", () => {
  it('lists non-internal IPv4 addresses, the home network first and container bridges last', () => {
    const found = lanAddresses({
      lo: [nic('127.0.0.1', { internal: true })],
      docker0: [nic('172.17.0.1')],
      eth0: [nic('10.1.2.3'), nic('fe80::1', { family: 'IPv6' })],
      wlan0: [nic('192.168.1.20'), nic('169.254.3.4')],
      tailscale0: [nic('100.101.102.103')],
    });
    expect(found).toEqual(['192.168.1.20', '10.1.2.3', '172.17.0.1', '100.101.102.103']);
  });

  it('finds none on a machine with loopback only', () => {
    expect(lanAddresses({ lo: [nic('127.0.0.1', { internal: true })] })).toEqual([]);
  });
});

const inputs = (o: Partial<PairingInputs> = {}): PairingInputs => ({
  givenUrl: null,
  addresses: ['192.168.1.20', '10.0.0.7'],
  host: '0.0.0.0',
  port: 5677,
  trustProxy: [],
  allowedHosts: [],
  key: 'k'.repeat(32),
  settingsFile: null,
  inContainer: false,
  ...o,
});

describe('the pairing plan', () => {
  it("proposes the first network address with the bridge's port, and names the others", () => {
    const plan = pairingPlan(inputs({ port: 8080 }));
    expect(plan.url).toBe('http://192.168.1.20:8080');
    expect(plan.notes.join('\n')).toMatch(/other addresses: 10\.0\.0\.7/);
  });

  it('says the link carries the key and that plain http is readable on the network', () => {
    const notes = pairingPlan(inputs()).notes.join('\n');
    expect(notes).toMatch(/carry the API key: treat them as a password/);
    expect(notes).toMatch(/Plain http.*Prefer https/);
    expect(pairingPlan(inputs({ givenUrl: 'https://twin.example.com' })).notes.join('\n')).not.toMatch(/Plain http/);
  });

  it('refuses to propose an address when the bridge listens on loopback only, and says what to set', () => {
    const plan = pairingPlan(inputs({ host: '127.0.0.1' }));
    expect(plan.url).toBeNull();
    const said = plan.problems.join('\n');
    expect(said).toMatch(/listens on 127\.0\.0\.1 \(HOST\), this machine only: a phone cannot reach it/);
    expect(said).toMatch(/HOST=0\.0\.0\.0 and DIGITAL_TWIN_API_KEY/);
    expect(said).toMatch(/pair --url https:/);
  });

  it('behind a trusted proxy, proposes the name the proxy serves', () => {
    expect(pairingPlan(inputs({ host: '127.0.0.1', trustProxy: ['127.0.0.1'], allowedHosts: ['twin.example.com'] })).url).toBe('https://twin.example.com');
  });

  it('uses a given URL as it is, noting when it can only work through a proxy', () => {
    const plan = pairingPlan(inputs({ host: '127.0.0.1', givenUrl: 'https://twin.example.com' }));
    expect(plan.url).toBe('https://twin.example.com');
    expect(plan.notes.join('\n')).toMatch(/listens on 127\.0\.0\.1 only: https:\/\/twin\.example\.com reaches it only through a proxy/);
  });

  it('uses a specific listen address, and says when there is no address at all', () => {
    expect(pairingPlan(inputs({ host: '192.168.1.50' })).url).toBe('http://192.168.1.50:5677');
    expect(pairingPlan(inputs({ addresses: [] })).problems.join('\n')).toMatch(/no network address.*pass --url/);
  });

  it("inside a container, says that the proposed address is the container's", () => {
    expect(pairingPlan(inputs()).notes.join('\n')).not.toMatch(/container/);
    expect(pairingPlan(inputs({ inContainer: true })).notes.join('\n')).toMatch(/runs in a container: .*Pass --url with the host's address/);
    expect(pairingPlan(inputs({ inContainer: true, givenUrl: 'https://twin.example.com' })).notes.join('\n')).not.toMatch(/container/);
  });

  it('warns when the bridge has no key', () => {
    expect(pairingPlan(inputs({ key: null })).notes.join('\n')).toMatch(/no API key: anyone who reaches http:\/\/192\.168\.1\.20:5677 reads/);
  });
});

describe('the QR code in the terminal', () => {
  const link = pairingLink('http://192.168.1.20:5677', 'k'.repeat(32));

  it('draws two modules a character, giving back every module of the code', () => {
    const modules = encode(link, { ecc: 'M', border: 2 }).data;
    expect(modulesOf(terminalQr(link, false))).toEqual(modules.length % 2 ? [...modules, modules[0].map(() => false)] : modules);
  });

  it('paints light modules too when asked, so that the code reads on a dark theme', () => {
    const [row] = halfBlocks([[true, false], [false, true]], true);
    expect(row).toBe('\u001b[30;107m▀▄\u001b[0m');
  });
});
