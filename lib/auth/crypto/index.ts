// Password schemes, generated passwords, TOTP and recovery codes.
// No `import 'server-only'` here: these are pure functions (node:crypto, otpauth) that
// CLI scripts (seed, password reset from a shell) run under tsx as well; the
// modules that hold secrets (login, second factor) carry the marker.
export { dummyVerify, hashPassword, verifyPassword, type HashScheme, type VerifyResult } from './password-hash';
export { detectScheme, SCHEMES, type Scheme } from './schemes';
export { generatePassword } from './generate-password';
export { checkPasswordStrength, MIN_PASSWORD_LENGTH, PASSWORD_REASON_TEXT, type PasswordReason, type PasswordStrength } from './password-strength';
export { generateTotpSecret, totpCode, totpStep, totpUri, verifyTotp } from './totp';
export { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
