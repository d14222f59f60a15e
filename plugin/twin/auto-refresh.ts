// When the twin on screen is refreshed without being asked: every `intervalMinutes` after the last
// answer or failure (0 turns it off). A second early still counts, so that a one-minute tick that
// fires a little before the minute does not push the refresh to the next tick.
import type { TwinSnapshot } from './twin-store';

export function autoRefreshDue(snapshot: TwinSnapshot, now: Date, intervalMinutes: number): boolean {
  if (intervalMinutes <= 0) return false;
  const last = Math.max(snapshot.fetchedAt?.getTime() ?? 0, snapshot.errorAt?.getTime() ?? 0);
  return now.getTime() - last >= intervalMinutes * 60_000 - 1000;
}
