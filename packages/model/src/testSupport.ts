import { expect } from 'vitest';
import * as Y from 'yjs';
import { initCase } from './caseDocument.js';
import { ValidationError } from './errors.js';
import type { Change, Investigator } from './investigator.js';

/** Shared by the package's tests: investigators, a fresh case, replicas and the "refused, unchanged" check. */

export const alice: Investigator = { id: 'install-alice', name: 'Alice Analyst' };
export const bob: Investigator = { id: 'install-bob', name: 'Bob Researcher' };

export function by(who: Investigator, iso = '2026-05-01T10:00:00.000Z'): Change {
  return { by: who, now: new Date(iso) };
}

export function newCase(title = 'NATO centre in Astana'): Y.Doc {
  const doc = new Y.Doc();
  initCase(doc, { title }, by(alice, '2026-05-01T09:00:00.000Z'));
  return doc;
}

export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Asserts that `write` is refused with a `ValidationError` matching `message` and writes nothing at all. */
export function expectRefused(doc: Y.Doc, write: () => unknown, message: RegExp): ValidationError {
  const before = Y.encodeStateAsUpdate(doc);
  let caught: unknown = null;
  try {
    write();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'the write should have been refused').toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).message).toMatch(message);
  expect(Y.encodeStateAsUpdate(doc), 'a refused write must leave the document unchanged').toEqual(before);
  return caught as ValidationError;
}
