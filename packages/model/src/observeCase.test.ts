import { describe, expect, it } from 'vitest';
import { setTitle } from './caseDocument.js';
import { addClaim, updateClaim } from './claims.js';
import { captureEvidence } from './evidence.js';
import { observeCase } from './observeCase.js';
import { alice, bob, by, newCase, replicaOf, sync } from './testSupport.js';

describe('observing a case', () => {
  it('reports once per change, however deep, local or from a collaborator, until stopped', () => {
    const a = newCase();
    const claim = addClaim(a, { text: 'A claim' }, by(alice));
    const b = replicaOf(a);
    let calls = 0;
    const stop = observeCase(a, () => calls++);
    updateClaim(a, claim, { platform: 'Telegram' }, by(alice));
    expect(calls).toBe(1);
    captureEvidence(
      a,
      { kind: 'link', captureTool: 't', sourceUrl: 'https://example.org/p', claimIds: [claim] },
      by(alice),
    );
    expect(calls).toBe(2);
    setTitle(b, 'Renamed elsewhere', by(bob));
    sync(a, b);
    expect(calls).toBe(3);
    a.getText('unrelated').insert(0, 'x');
    expect(calls).toBe(3);
    stop();
    setTitle(a, 'After stopping', by(alice));
    expect(calls).toBe(3);
  });
});
