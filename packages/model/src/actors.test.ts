import { describe, expect, it } from 'vitest';
import { readLog } from './activityLog.js';
import { addActor, deleteActor, getActor, listActors, updateActor } from './actors.js';
import { addClaim } from './claims.js';
import { addEvent, getEvent } from './events.js';
import { captureEvidence, getEvidence } from './evidence.js';
import { alice, bob, by, expectRefused, newCase, replicaOf, sync } from './testSupport.js';

describe('actors', () => {
  it('are added (Cyrillic names as written), updated and logged', () => {
    const doc = newCase();
    const claim = addClaim(doc, { text: 'NATO opened a centre in Astana' }, by(alice));
    const id = addActor(
      doc,
      { name: 'Аргументы и факты', kind: 'outlet', claimIds: [claim, claim] },
      by(alice, '2026-05-01T11:00:00.000Z'),
    );
    expect(getActor(doc, id)).toEqual({
      id,
      name: 'Аргументы и факты',
      kind: 'outlet',
      platform: '',
      url: '',
      platformId: '',
      notes: '',
      claimIds: [claim],
      createdAt: '2026-05-01T11:00:00.000Z',
      createdBy: alice,
    });
    expect(readLog(doc).at(-1)).toMatchObject({
      action: 'created',
      by: alice,
      target: { type: 'actor', id, label: 'Аргументы и факты' },
      fields: { name: 'Аргументы и факты', kind: 'outlet', claimIds: [claim] },
    });
    updateActor(doc, id, { kind: 'organisation', url: 'https://example.org/aif' }, by(bob, '2026-05-01T12:00:00.000Z'));
    expect(getActor(doc, id)).toMatchObject({ kind: 'organisation', url: 'https://example.org/aif' });
    expect(readLog(doc).at(-1)?.fields).toEqual({ kind: 'organisation', url: 'https://example.org/aif' });
    expect(listActors(doc)).toHaveLength(1);
  });

  it('are deleted and unlinked from evidence and events in the same transaction', () => {
    const doc = newCase();
    const actor = addActor(doc, { name: 'Telegram channels', kind: 'channel' }, by(alice));
    const keep = addActor(doc, { name: 'Daniel Rosenblum', kind: 'person' }, by(alice));
    const event = addEvent(
      doc,
      { date: { value: '2022-10', precision: 'month' }, title: 'Posts', actorIds: [actor, keep] },
      by(alice),
    );
    const link = captureEvidence(
      doc,
      { kind: 'link', captureTool: 'test', sourceUrl: 'https://example.org/a', actorIds: [actor] },
      by(alice),
    );
    deleteActor(doc, actor, by(bob));
    expect(getActor(doc, actor)).toBeNull();
    expect(getEvent(doc, event)?.actorIds).toEqual([keep]);
    expect(getEvidence(doc, link)?.actorIds).toEqual([]);
    expect(readLog(doc).at(-1)).toMatchObject({ action: 'deleted', by: bob, fields: { name: 'Telegram channels' } });
  });

  it('refuse an unknown kind, a malformed address, a missing name and links to nothing, writing nothing', () => {
    const doc = newCase();
    const id = addActor(doc, { name: 'MK', kind: 'outlet' }, by(alice));
    expectRefused(
      doc,
      () => addActor(doc, { name: 'X', kind: 'bot' as never }, by(alice)),
      /Unknown actor kind "bot"; use one of: outlet, channel, account, person, organisation/,
    );
    expectRefused(doc, () => addActor(doc, { name: 'X' } as never, by(alice)), /needs a kind/);
    expectRefused(doc, () => updateActor(doc, id, { url: 'mk.ru' }, by(alice)), /not a valid web address: "mk\.ru"/);
    expectRefused(doc, () => updateActor(doc, id, { name: '' }, by(alice)), /actor’s name is required/);
    expectRefused(
      doc,
      () => updateActor(doc, id, { claimIds: ['no-such-claim'] }, by(alice)),
      /links to "no-such-claim", which is no claim of this case/,
    );
  });

  it('merge a rename on one replica with new notes on another', () => {
    const a = newCase();
    const id = addActor(a, { name: 'MK', kind: 'outlet' }, by(alice));
    const b = replicaOf(a);
    updateActor(a, id, { name: 'Moskovsky Komsomolets (Московский комсомолец)' }, by(alice));
    updateActor(b, id, { notes: 'Major Moscow outlet' }, by(bob));
    sync(a, b);
    expect(getActor(b, id)).toMatchObject({
      name: 'Moskovsky Komsomolets (Московский комсомолец)',
      notes: 'Major Moscow outlet',
    });
  });

  it('keep links added concurrently by two people', () => {
    const a = newCase();
    const first = addClaim(a, { text: 'First claim' }, by(alice));
    const second = addClaim(a, { text: 'Second claim' }, by(alice));
    const id = addActor(a, { name: 'Channel', kind: 'channel' }, by(alice));
    const b = replicaOf(a);
    updateActor(a, id, { claimIds: [first] }, by(alice));
    updateActor(b, id, { claimIds: [second] }, by(bob));
    sync(a, b);
    expect(getActor(a, id)?.claimIds.sort()).toEqual([first, second].sort());
    expect(getActor(b, id)).toEqual(getActor(a, id));
  });
});
