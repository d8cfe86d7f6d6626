import { describe, expect, it } from 'vitest';
import { closesAfterPrompt, unsyncedClosePrompt } from './unsyncedClosePrompt.js';

describe('the prompt before closing with changes not on the sync server', () => {
  const { buttons, defaultId, cancelId } = unsyncedClosePrompt;

  it('closes only when "Close anyway" is chosen', () => {
    expect(buttons.filter((_, index) => closesAfterPrompt(index))).toEqual(['Close anyway']);
  });

  it('keeps the window open on Enter and on Escape', () => {
    expect(buttons[defaultId]).toBe('Keep open');
    expect(closesAfterPrompt(defaultId)).toBe(false);
    expect(closesAfterPrompt(cancelId)).toBe(false);
  });

  it('says that the changes are not on the server yet and are kept on this device', () => {
    expect(unsyncedClosePrompt.message).toMatch(/^Some changes are not on the sync server yet/);
    expect(unsyncedClosePrompt.detail).toMatch(/saved on this device/);
  });
});
