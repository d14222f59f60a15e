// One source of "now" for the whole plugin, so tests can drive schedules with a fake clock.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
