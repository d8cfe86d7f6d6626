import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from './appFileResolver.js';

const root = resolve('/srv/casefile/out/renderer');

describe('resolveAppFile', () => {
  it('serves index.html for the root and files of the build by path', () => {
    expect(resolveAppFile(root, 'casefile://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'casefile://app')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'casefile://app/index.html#/case/x')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'casefile://app/assets/index-abc.js?v=1')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'casefile://app/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('refuses any way out of the build directory', () => {
    // Dot segments, literal or %2e-encoded, are resolved by the URL parser and cannot climb above the root.
    expect(resolveAppFile(root, 'casefile://app/../../main/index.js')).toBe(join(root, 'main', 'index.js'));
    expect(resolveAppFile(root, 'casefile://app/%2e%2e/main/index.js')).toBe(join(root, 'main', 'index.js'));
    expect(resolveAppFile(root, 'casefile://app/assets/%2E%2E/%2E%2E/secret')).toBe(join(root, 'secret'));
    // What the parser leaves alone (encoded slashes and backslashes, NUL, bad escapes) is refused here.
    for (const url of [
      'casefile://app/assets/..%2f..%2fsecret',
      'casefile://app/..%5c..%5csecret',
      'casefile://app/assets%5c..%5c..%5csecret',
      'casefile://app/%00index.html',
      'casefile://app/%E0%A4%A',
      'casefile://app/a/..\\..\\x',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppFile(root, 'casefile://other/index.html')).toBeNull();
    expect(resolveAppFile(root, 'casefile://user@app/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'https://app/index.html')).toBeNull();
    expect(resolveAppFile(root, '::not a url::')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer build contains', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/icon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
