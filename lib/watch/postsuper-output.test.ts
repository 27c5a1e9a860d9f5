import { describe, expect, it } from 'vitest';
import { idBatches, movedIds } from './postsuper-output';

// As the lab's postsuper 3.7 wrote it (ids it did not find are not mentioned).
const HOLD = 'postsuper: 300521BAE25: placed on hold\npostsuper: 4Jgt2V6BKNz1xy5: placed on hold\npostsuper: Placed on hold: 2 messages\n';
const RELEASE = 'postsuper: 300521BAE25: released from hold\npostsuper: Released from hold: 1 message\n';

describe('postsuper output', () => {
  it('lists the ids postsuper says it moved, per verb', () => {
    expect(movedIds(HOLD, 'placed on hold')).toEqual(['300521BAE25', '4Jgt2V6BKNz1xy5']);
    expect(movedIds(HOLD, 'released from hold')).toEqual([]);
    expect(movedIds(RELEASE, 'released from hold')).toEqual(['300521BAE25']);
    expect(movedIds('postsuper: warning: whatever\n', 'placed on hold')).toEqual([]);
  });

  it('batches distinct, valid queue ids only', () => {
    expect(idBatches(['ABCDEF1', 'ABCDEF1', 'not an id', '$(rm -rf)', '300521BAE25'], 1)).toEqual([['ABCDEF1'], ['300521BAE25']]);
  });
});
