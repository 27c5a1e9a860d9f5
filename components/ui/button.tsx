import type { ButtonHTMLAttributes } from 'react';

// The console's buttons: one look per kind and one size scale, in one place.
// Class strings stay whole words so Tailwind sees them in this file.

const KINDS = {
  default: 'border border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
  primary: 'bg-brand-600 text-white hover:bg-brand-700',
  /** Outlined red: a removal among ordinary buttons. */
  danger: 'border border-red-300 bg-white text-red-700 hover:bg-red-50',
  /** Solid red: the button that does the irreversible thing, once asked. */
  destructive: 'bg-red-600 text-white hover:bg-red-700',
} as const;

const SIZES = {
  md: 'px-3 py-1.5 text-sm',
  /** Dialog footers: a bigger target for a thumb. */
  lg: 'px-4 py-2 text-sm',
  /** Rows of small actions in a table: compact from sm up, full size on a phone. */
  compact: 'px-3 py-1.5 text-sm sm:px-2 sm:py-1 sm:text-xs',
} as const;

export type ButtonKind = keyof typeof KINDS;
export type ButtonSize = keyof typeof SIZES;

/** The class of a button of `kind`; `nowrap` keeps its label on one line (tight rows). */
export function buttonStyle(kind: ButtonKind = 'default', { size = 'md', nowrap = false }: { size?: ButtonSize; nowrap?: boolean } = {}): string {
  return `${nowrap ? 'whitespace-nowrap ' : ''}rounded-md ${SIZES[size]} font-medium ${KINDS[kind]} disabled:opacity-50`;
}

export const buttonClass = buttonStyle('default');
export const primaryButtonClass = buttonStyle('primary');
export const dangerButtonClass = buttonStyle('danger');
/** A quiet text action (Skip, Not now): a link's look, for a button that changes nothing much. */
export const quietLinkClass = 'text-sm text-slate-500 underline hover:text-slate-700';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; size?: ButtonSize; nowrap?: boolean };

/** A button of one of the console's kinds; `className` adds to it (layout, not looks). */
export function Button({ kind = 'default', size, nowrap, className, type = 'button', ...rest }: Props) {
  const look = buttonStyle(kind, { size, nowrap });
  return <button type={type} className={className ? `${look} ${className}` : look} {...rest} />;
}
