import { describe, expect, it } from 'vitest';
import { checkLinkUrl, isSafeLinkUrl } from './linkUrl';

describe('checkLinkUrl', () => {
  it('accepts web and mail addresses', () => {
    expect(checkLinkUrl('https://www.gov.kz/')).toEqual({ ok: true, url: 'https://www.gov.kz/' });
    expect(checkLinkUrl('mailto:desk@example.org')).toEqual({ ok: true, url: 'mailto:desk@example.org' });
  });

  it('reads a bare address as https, as evidence addresses are read', () => {
    expect(checkLinkUrl('example.org/article')).toEqual({ ok: true, url: 'https://example.org/article' });
    expect(checkLinkUrl('example.org:8080/article')).toEqual({ ok: true, url: 'https://example.org:8080/article' });
  });

  it('refuses scripts, files and data', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', '', '   ']) {
      expect(isSafeLinkUrl(url), url).toBe(false);
    }
    const script = checkLinkUrl('javascript:alert(1)');
    expect(!script.ok && script.error).toMatch(/web page \(http:\/\/ or https:\/\/\) or an e-mail address/);
  });
});
