import { describe, expect, it } from 'vitest';
import { checkLocalUser, defaultLocalUser, readStoredLocalUser, USER_COLOURS } from './localUser';

describe('defaultLocalUser', () => {
  it('is a numbered investigator with one of the palette’s colours', () => {
    const user = defaultLocalUser(() => 0.5);
    expect(user.name).toBe('Investigator 550');
    expect(USER_COLOURS).toContain(user.color);
    expect(defaultLocalUser(() => 0).name).toBe('Investigator 100');
    expect(defaultLocalUser(() => 0.9999).name).toBe('Investigator 999');
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
  it('keeps a valid stored user and drops anything else', () => {
    expect(readStoredLocalUser({ name: 'Bob', color: '#117a65' })).toEqual({ name: 'Bob', color: '#117a65' });
    expect(readStoredLocalUser({ name: '', color: '#117a65' })).toBeNull();
    expect(readStoredLocalUser('Bob')).toBeNull();
    expect(readStoredLocalUser(undefined)).toBeNull();
  });
});
