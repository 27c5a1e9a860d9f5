// How long ago a mailbox was created, in the largest whole unit, for "N years
// ago" and for the old-account hint (the seed's stolen account was years old
// and unused). Dates are extmail wall-clock ISO strings without a zone.

export type Age = { unit: 'years' | 'months' | 'days'; count: number };

export function ageSince(iso: string, now: Date): Age | null {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime()) || then > now) return null;
  let months = (now.getFullYear() - then.getFullYear()) * 12 + (now.getMonth() - then.getMonth());
  if (now.getDate() < then.getDate()) months--;
  if (months >= 12) return { unit: 'years', count: Math.floor(months / 12) };
  if (months >= 1) return { unit: 'months', count: months };
  return { unit: 'days', count: Math.floor((now.getTime() - then.getTime()) / 86_400_000) };
}

/** More than a year old: worth a visible hint on the mailbox page. */
export function isOldAccount(iso: string | null, now: Date): boolean {
  if (!iso) return false;
  const age = ageSince(iso, now);
  return age?.unit === 'years';
}
