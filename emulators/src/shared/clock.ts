/**
 * An emulator's notion of "now": real time plus an offset that tests (or `/_emulator/clock`) can
 * move forward, so day-scale behaviour (24 h idempotency windows, trials) is testable in milliseconds.
 */
export interface EmulatorClock {
  now(): Date;
  /** Moves the clock forward by `ms` (never backwards) and returns the new time. */
  advance(ms: number): Date;
}

export function createClock(): EmulatorClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the emulator clock only moves forward");
      offsetMs += ms;
      return new Date(Date.now() + offsetMs);
    },
  };
}
