/** Rounds for a message: `digits` decimals, no trailing `.0` noise beyond what was asked. */
export function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

/** A duration a cablecaster reads at a glance: `45 s`, `6 min`, `1 h 20 min`. */
export function duration(ms: number): string {
  const sec = Math.round(ms / 1000);
  if (sec < 90) return `${sec} s`;
  const min = Math.round(sec / 60);
  if (min < 60) return `${min} min`;
  const hours = Math.floor(min / 60);
  const rest = min % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Minutes ahead, rounded the way a forecast is read: `<1 min`, `~6 min`, `~1 h 20 min`. */
export function inAbout(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  return `~${duration(Math.round(minutes) * 60_000)}`;
}
