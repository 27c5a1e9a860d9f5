// The shape of an OpenSSH SHA-256 fingerprint: 32 bytes as unpadded base64.
// Kept apart from fingerprint.ts so browser code can check it too.
export const FINGERPRINT_RE = /^SHA256:[A-Za-z0-9+/]{43}$/;
