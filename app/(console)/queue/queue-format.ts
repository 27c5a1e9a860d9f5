// Small helpers shared by the queue list and the message page. Dates,
// durations and sizes are written by the locale's formatters (useT().f).

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Epoch seconds (as the queue gives them) → epoch ms, or null for none. */
export const epochMs = (epochSeconds: number | null | undefined) => (epochSeconds ? epochSeconds * 1000 : null);
