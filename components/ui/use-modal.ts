'use client';

import { type RefObject, useEffect, useEffectEvent } from 'react';
import { tabTarget } from './focus-trap';

// What makes a panel modal: focus moves into it and stays there, Escape asks
// it to close, the page behind does not scroll, and focus goes back to what
// opened it when it goes. Shared by the Dialog and the phone's menu drawer.

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

function stopsIn(panel: HTMLElement): HTMLElement[] {
  // Hidden elements (display: none, a closed <details>) take no focus.
  return [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/** Makes `ref`'s element modal while mounted; `onEscape` runs on Escape (it decides whether to close). */
export function useModal(ref: RefObject<HTMLElement | null>, onEscape: () => void) {
  const escape = useEffectEvent(onEscape);
  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // An autoFocus field inside has focus already; otherwise the panel takes it, so
    // a screen reader reads the title and Enter does not press a button unasked.
    if (!panel.contains(document.activeElement)) panel.focus();
    let back = false;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        escape();
        return;
      }
      if (e.key !== 'Tab') return;
      back = e.shiftKey;
      const stops = stopsIn(panel);
      const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const to = tabTarget(stops, active, back);
      if (to || stops.length === 0) e.preventDefault();
      to?.focus();
    };
    // Focus that still gets out (a radio group at an end, a click on the backdrop and Tab) comes back in.
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && panel.contains(e.target)) return;
      const stops = stopsIn(panel);
      (back ? stops.at(-1) : stops[0])?.focus();
      if (!panel.contains(document.activeElement)) panel.focus();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      document.body.style.overflow = overflow;
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
