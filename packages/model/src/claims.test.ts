import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLog } from './activityLog.js';
import { addActor, getActor } from './actors.js';
import { addClaim, deleteClaim, getClaim, listClaims, updateClaim } from './claims.js';
import { captureEvidence, getEvidence } from './evidence.js';
import { alice, bob, by, expectRefused, newCase, replicaOf, sync } from './testSupport.js';

const CLAIM = 'NATO has officially opened a peacekeeping centre in Astana, the capital of Kazakhstan.';

describe('claims', () => {
  it('are added with defaults, read back, and their creation logged with the initial values and who', () => {
    const doc = newCase();
    const id = addClaim(
      doc,
      { text: CLAIM, platform: 'Telegram', firstSeen: { value: '2022-10', precision: 'month' } },
      by(alice, '2026-05-01T10:00:00.000Z'),
    );
    expect(getClaim(doc, id)).toEqual({
      id,
      text: CLAIM,
      url: '',
      platform: 'Telegram',
      firstSeen: { value: '2022-10', precision: 'month' },
      claimant: '',
      createdAt: '2026-05-01T10:00:00.000Z',
      createdBy: alice,
    });
    expect(listClaims(doc).map((claim) => claim.id)).toEqual([id]);
    const entry = readLog(doc).at(-1);
    expect(entry).toEqual({
      at: '2026-05-01T10:00:00.000Z',
      by: alice,
      action: 'created',
      target: { type: 'claim', id, label: CLAIM },
      fields: {
        text: CLAIM,
        url: '',
        platform: 'Telegram',
        firstSeen: { value: '2022-10', precision: 'month' },
        claimant: '',
      },
    });
  });

  it('are updated field by field, logging only the new values of the fields that changed', () => {
    const doc = newCase();
    const id = addClaim(doc, { text: CLAIM }, by(alice));
    updateClaim(doc, id, { claimant: 'Telegram channels', platform: '' }, by(bob, '2026-05-02T10:00:00.000Z'));
    expect(getClaim(doc, id)?.claimant).toBe('Telegram channels');
    expect(readLog(doc).at(-1)).toMatchObject({
      by: bob,
      action: 'changed',
      target: { type: 'claim', id },
      fields: { claimant: 'Telegram channels' },
    });
    const before = Y.encodeStateAsUpdate(doc);
    updateClaim(doc, id, { claimant: 'Telegram channels' }, by(bob));
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('are deleted, unlinked from actors and evidence in the same step, and the deletion logged', () => {
    const doc = newCase();
    const id = addClaim(doc, { text: CLAIM }, by(alice));
    const other = addClaim(doc, { text: 'A second claim' }, by(alice));
    const actor = addActor(doc, { name: 'Telegram channels', kind: 'channel', claimIds: [id, other] }, by(alice));
    const link = captureEvidence(
      doc,
      { kind: 'link', captureTool: 'test', sourceUrl: 'https://example.org/post', claimIds: [id] },
      by(alice),
    );
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    deleteClaim(doc, id, by(bob));
    expect(transactions).toBe(1);
    expect(getClaim(doc, id)).toBeNull();
    expect(getActor(doc, actor)?.claimIds).toEqual([other]);
    expect(getEvidence(doc, link)?.claimIds).toEqual([]);
    expect(readLog(doc).at(-1)).toMatchObject({
      by: bob,
      action: 'deleted',
      target: { type: 'claim', id, label: CLAIM },
    });
  });

  it('refuse bad input with a clear message and write nothing', () => {
    const doc = newCase();
    const id = addClaim(doc, { text: CLAIM }, by(alice));
    expectRefused(doc, () => addClaim(doc, { text: '   ' }, by(alice)), /claim’s text is required/);
    expectRefused(
      doc,
      () => addClaim(doc, { text: CLAIM, url: 'htp:/t.me/channel' }, by(alice)),
      /not a valid web address: "htp:\/t\.me\/channel"\. Write it in full, starting with http:\/\/ or https:\/\//,
    );
    expectRefused(
      doc,
      () => updateClaim(doc, id, { url: 'javascript:alert(1)' }, by(alice)),
      /not a valid web address/,
    );
    expectRefused(
      doc,
      () => addClaim(doc, { text: CLAIM, firstSeen: { value: '2022-10' } as never }, by(alice)),
      /needs a precision/,
    );
    expectRefused(
      doc,
      () => updateClaim(doc, id, { firstSeen: { value: '2022-10-25', precision: 'year' } }, by(alice)),
      /written YYYY/,
    );
    expectRefused(
      doc,
      () => updateClaim(doc, id, { colour: 'red' } as never, by(alice)),
      /"colour" is not a field of a claim/,
    );
    expectRefused(doc, () => updateClaim(doc, 'missing', { text: 'x' }, by(alice)), /No claim with id "missing"/);
    expectRefused(doc, () => deleteClaim(doc, 'missing', by(alice)), /No claim with id/);
    expectRefused(doc, () => addClaim(doc, { text: CLAIM }, { by: { id: '', name: 'Nobody' } }), /needs an id/);
    expectRefused(doc, () => addClaim(doc, { text: CLAIM }, undefined as never), /records who made it/);
  });

  it('merge concurrent edits of different fields of the same claim from two replicas', () => {
    const a = newCase();
    const id = addClaim(a, { text: CLAIM }, by(alice));
    const b = replicaOf(a);
    updateClaim(a, id, { platform: 'Telegram' }, by(alice));
    updateClaim(b, id, { claimant: 'Russian-language Telegram channels' }, by(bob));
    sync(a, b);
    expect(getClaim(a, id)).toEqual(getClaim(b, id));
    expect(getClaim(a, id)).toMatchObject({ platform: 'Telegram', claimant: 'Russian-language Telegram channels' });
    expect(readLog(a)).toEqual(readLog(b));
    expect(
      readLog(a)
        .filter((entry) => entry.action === 'changed')
        .map((entry) => entry.by.name)
        .sort(),
    ).toEqual(['Alice Analyst', 'Bob Researcher']);
  });
});
