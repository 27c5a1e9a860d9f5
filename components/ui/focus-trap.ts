// Where Tab goes inside a modal: through its stops, round from the last to the
// first and back, never out to the page behind. Pure, so it is tested alone.

/** The stop to move to for a Tab (`back` for Shift+Tab) from `active`, or null to let the browser move. */
export function tabTarget<T>(stops: readonly T[], active: T | null, back: boolean): T | null {
  if (stops.length === 0) return null;
  const i = active === null ? -1 : stops.indexOf(active);
  // From outside the stops (the panel itself, or the page): into the near end.
  const first = stops[0] ?? null;
  const last = stops[stops.length - 1] ?? null;
  if (i === -1) return back ? last : first;
  if (back && i === 0) return last;
  if (!back && i === stops.length - 1) return first;
  return null;
}
