// The last connection test per host, kept in this process's memory: enough
// for the Hosts table to show a status without probing every host on load.

export type LastTest = { ok: boolean; at: string; kind?: string; message?: string };

const globalForTests = globalThis as unknown as { mailwardenHostTests?: Map<string, LastTest> };
const store = () => (globalForTests.mailwardenHostTests ??= new Map());

export const lastTestOf = (host: string): LastTest | null => store().get(host) ?? null;
export const rememberTest = (host: string, test: LastTest) => void store().set(host, test);
export const forgetTest = (host: string) => void store().delete(host);
