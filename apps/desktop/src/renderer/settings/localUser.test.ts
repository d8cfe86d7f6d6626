import { describe, expect, it } from 'vitest';
import {
  checkLocalUser,
  defaultLocalUser,
  isInvestigatorId,
  lacksInvestigatorId,
  newInvestigatorId,
  readStoredLocalUser,
  USER_COLOURS,
  withInvestigatorId,
} from './localUser';

describe('defaultLocalUser', () => {
  it('is a numbered investigator with one of the palette’s colours and a fresh id', () => {
    const user = defaultLocalUser(() => 0.5);
    expect(user.name).toBe('Investigator 550');
    expect(USER_COLOURS).toContain(user.color);
    expect(isInvestigatorId(user.id)).toBe(true);
    expect(defaultLocalUser(() => 0).name).toBe('Investigator 100');
    expect(defaultLocalUser(() => 0.9999).name).toBe('Investigator 999');
    expect(defaultLocalUser().id).not.toBe(defaultLocalUser().id);
  });
});

describe('newInvestigatorId', () => {
  it('is 20 lower-case letters and digits, spread over the whole alphabet', () => {
    const id = newInvestigatorId();
    expect(id).toMatch(/^[0-9a-z]{20}$/);
    expect(newInvestigatorId((n) => new Uint8Array(n).fill(35))).toBe('z'.repeat(20));
    expect(newInvestigatorId((n) => new Uint8Array(n).fill(36))).toBe('0'.repeat(20));
  });
});

describe('checkLocalUser', () => {
  it('accepts a name and a hex colour, trimmed and lower-cased', () => {
    expect(checkLocalUser('  Aigerim ', '#1F618D')).toEqual({ ok: true, user: { name: 'Aigerim', color: '#1f618d' } });
  });

  it('refuses an empty or overlong name and a colour that is not #rrggbb', () => {
    expect(checkLocalUser('  ', '#1f618d').ok).toBe(false);
    expect(checkLocalUser('x'.repeat(61), '#1f618d').ok).toBe(false);
    expect(checkLocalUser('Bob', 'red').ok).toBe(false);
    expect(checkLocalUser('Bob', '#12345').ok).toBe(false);
  });
});

describe('readStoredLocalUser', () => {
  const id = 'abcdefghij0123456789';

  it('keeps a valid stored user with its id', () => {
    expect(readStoredLocalUser({ id, name: 'Bob', color: '#117a65' })).toEqual({
      id,
      name: 'Bob',
      color: '#117a65',
    });
    expect(lacksInvestigatorId({ id, name: 'Bob', color: '#117a65' })).toBe(false);
  });

  it('gives a user stored before ids existed a new id, once, to be saved', () => {
    expect(readStoredLocalUser({ name: 'Bob', color: '#117a65' }, () => id)).toEqual({
      id,
      name: 'Bob',
      color: '#117a65',
    });
    expect(lacksInvestigatorId({ name: 'Bob', color: '#117a65' })).toBe(true);
    expect(lacksInvestigatorId(undefined)).toBe(true);
    expect(readStoredLocalUser({ id: 'not an id', name: 'Bob', color: '#117a65' }, () => id)?.id).toBe(id);
  });

  it('drops anything that is not a user', () => {
    expect(readStoredLocalUser({ id, name: '', color: '#117a65' })).toBeNull();
    expect(readStoredLocalUser('Bob')).toBeNull();
    expect(readStoredLocalUser(undefined)).toBeNull();
  });
});

describe('withInvestigatorId', () => {
  it('keeps the installation’s id when the name or colour change', () => {
    expect(withInvestigatorId({ name: 'Aigerim', color: '#1f618d' }, 'abcdefghij0123456789')).toEqual({
      id: 'abcdefghij0123456789',
      name: 'Aigerim',
      color: '#1f618d',
    });
  });
});
