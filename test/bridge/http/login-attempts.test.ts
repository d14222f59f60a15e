// Wrong keys per client address: the delay grows, the threshold bans, the ban lifts by itself.
import { describe, expect, it } from 'vitest';
import { LOGIN_POLICY, LoginAttempts, clientKey } from '../../../bridge/http/login-attempts';
import { fixedClock } from '../../../bridge/time/clock';

function tracker(policy = LOGIN_POLICY) {
  const clock = fixedClock('2026-03-01T10:00:00Z');
  const events: string[] = [];
  const attempts = new LoginAttempts(
    clock,
    { wrongKey: (client, n) => events.push(`wrong ${client} ${n}`), banned: (client, until) => events.push(`ban ${client} ${until.toISOString()}`) },
    policy,
  );
  return { clock, events, attempts };
}

describe('login attempts', () => {
  it('answers each wrong key later than the last, up to the ceiling', () => {
    const { attempts } = tracker();
    const delays = Array.from({ length: 6 }, () => attempts.wrongKey('203.0.113.7').delayMs);
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });

  it('bans the address at the threshold, refusing it until the ban ends', () => {
    const { attempts, events, clock } = tracker();
    for (let n = 1; n < LOGIN_POLICY.threshold; n++) expect(attempts.wrongKey('203.0.113.7').banned).toBe(false);
    expect(attempts.ban('203.0.113.7')).toBeNull();
    expect(attempts.wrongKey('203.0.113.7').banned).toBe(true);
    expect(events.at(-1)).toBe('ban 203.0.113.7 2026-03-01T11:00:00.000Z');
    expect(attempts.ban('203.0.113.7')).toEqual({ until: new Date('2026-03-01T11:00:00Z'), seconds: 3600 });
    expect(attempts.ban('203.0.113.8')).toBeNull();
    expect(attempts.bannedCount()).toBe(1);
    // A right key during the ban does not lift it.
    attempts.rightKey('203.0.113.7');
    clock.advance(59 * 60_000);
    expect(attempts.ban('203.0.113.7')?.seconds).toBe(60);
    clock.advance(60_000);
    expect(attempts.ban('203.0.113.7')).toBeNull();
    expect(attempts.bannedCount()).toBe(0);
    // After the ban, counting starts over.
    expect(attempts.wrongKey('203.0.113.7')).toEqual({ delayMs: 250, banned: false });
  });

  it('forgets wrong keys older than the window, and all of them after a right key', () => {
    const { attempts, clock } = tracker();
    for (let n = 1; n < LOGIN_POLICY.threshold; n++) attempts.wrongKey('198.51.100.1');
    clock.advance(LOGIN_POLICY.windowMs + 1);
    expect(attempts.wrongKey('198.51.100.1')).toEqual({ delayMs: 250, banned: false });
    attempts.wrongKey('198.51.100.1');
    attempts.rightKey('198.51.100.1');
    expect(attempts.wrongKey('198.51.100.1').delayMs).toBe(250);
  });

  it('counts IPv6 clients by their /64 and IPv4-mapped ones as IPv4', () => {
    expect(clientKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:0DB8:0000:0001:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    const { attempts } = tracker({ ...LOGIN_POLICY, threshold: 2 });
    attempts.wrongKey('2001:db8:0:1::a');
    expect(attempts.wrongKey('2001:db8:0:1::b').banned).toBe(true);
    expect(attempts.ban('2001:db8:0:1::c')).not.toBeNull();
    expect(attempts.ban('2001:db8:0:2::c')).toBeNull();
  });

  it('remembers a bounded number of addresses, forgetting the least recently seen', () => {
    const { attempts } = tracker({ ...LOGIN_POLICY, threshold: 2, maxTracked: 3 });
    attempts.wrongKey('192.0.2.1');
    for (const a of ['192.0.2.2', '192.0.2.3', '192.0.2.4']) attempts.wrongKey(a);
    // 192.0.2.1 was forgotten: its next wrong key is its first.
    expect(attempts.wrongKey('192.0.2.1').banned).toBe(false);
    expect(attempts.wrongKey('192.0.2.4').banned).toBe(true);
  });
});
