// Vitest stand-in for the `server-only` marker package: under Next it stops
// server modules from reaching the browser bundle; in Node tests it must not throw.
export {};
