import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/catalogue/en';
import { zh } from '@/lib/i18n/catalogue/zh';
import { PROBE_NAMES } from '@/lib/probes/probe-defs';
import { STEP_NAMES } from './apply-types';
import { findingMessage, fixMessage, fixWhyMessage, probeExpectMessage, probeNameMessage, probeWarningMessage, severityMessage, stepMessage } from './messages';
import { FINDING_KEYS, FIX_IDS, SEVERITIES } from './types';

// The page translates findings, fixes, steps and probes by key: a key the
// catalogue lacks would show up raw, in either language.
const keys = [
  ...FINDING_KEYS.map(findingMessage),
  ...SEVERITIES.map(severityMessage),
  ...FIX_IDS.flatMap((f) => [fixMessage(f), fixWhyMessage(f)]),
  ...STEP_NAMES.map(stepMessage),
  ...PROBE_NAMES.flatMap((p) => [probeNameMessage(p), probeExpectMessage(p)]),
  ...['no-source', 'source-in-mynetworks', 'source-unknown-network'].map(probeWarningMessage),
];

describe('hardening messages', () => {
  it.each(keys)('%s exists in English and Chinese', (key) => {
    expect(en[key]).toBeTruthy();
    expect(zh[key]).toBeTruthy();
  });
});
