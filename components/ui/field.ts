// The console's text inputs and selects: one look, in one place (like Button).

/** A text input that fills its row (forms). */
export const inputClass =
  'w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';

/** An input or select as wide as its content or its layout says (filter bars, pickers). */
export const fieldClass =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';
