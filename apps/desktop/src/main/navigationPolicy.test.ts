import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen } from './navigationPolicy.js';

describe('decideNavigation', () => {
  it('allows the app’s own pages', () => {
    expect(decideNavigation('casefile://app/index.html#/settings')).toEqual({ action: 'allow' });
    expect(decideNavigation('http://localhost:5173/', 'http://localhost:5173/')).toEqual({ action: 'allow' });
  });

  it('denies everything else without opening it', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'casefile://other/', 'about:blank']) {
      expect(decideNavigation(url)).toEqual({ action: 'deny', openExternally: false });
    }
  });
});

describe('decideWindowOpen', () => {
  it('never opens a window, and hands only web links to the system browser', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('http://example.com/')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('casefile://app/index.html')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: false });
  });
});
