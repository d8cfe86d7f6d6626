import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';

function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const policy = parsePolicy(contentSecurityPolicy());

  it('runs only the app’s own scripts', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('shuts plugins, base rewriting and framing', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets the app reach a user-configured sync server', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:', 'http:', 'https:']);
  });

  it('allows images only from the app, data: and blob:', () => {
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('leaves header-only directives out of the <meta> form', () => {
    const meta = parsePolicy(contentSecurityPolicy({ forMetaTag: true }));
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.get('script-src')).toEqual(["'self'"]);
  });
});
