import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsError, parseCliOptions } from './options.js';
import { cleanUp, makeTempDir } from './testSupport.js';

afterEach(cleanUp);

const cwd = '/srv/casefile';

describe('command-line options', () => {
  it('default to port 1234 on 127.0.0.1 with ./data', () => {
    expect(parseCliOptions([], {}, cwd)).toEqual({
      help: false,
      port: 1234,
      host: '127.0.0.1',
      dataDir: resolve(cwd, 'data'),
      webRoot: undefined,
    });
  });

  it('take values from the command line, then the environment', async () => {
    const web = await makeTempDir();
    const env = { PORT: '8080', CASEFILE_DATA: '/var/lib/casefile', CASEFILE_WEB_ROOT: web };
    expect(parseCliOptions([], env, cwd)).toMatchObject({ port: 8080, dataDir: '/var/lib/casefile', webRoot: web });
    expect(parseCliOptions(['--port', '0', '--host', '0.0.0.0', '--data', 'd', `--web=${web}`], env, cwd)).toEqual({
      help: false,
      port: 0,
      host: '0.0.0.0',
      dataDir: resolve(cwd, 'd'),
      webRoot: web,
    });
  });

  it('accept the `--` that `pnpm start -- …` passes through', () => {
    expect(parseCliOptions(['--', '--port', '4000'], {}, cwd).port).toBe(4000);
  });

  it('recognise --help and -h', () => {
    expect(parseCliOptions(['--help'], {}, cwd).help).toBe(true);
    expect(parseCliOptions(['-h'], {}, cwd).help).toBe(true);
  });

  it.each([
    [['--port', 'abc'], /--port must be a port number from 0 to 65535/],
    [['--port', '70000'], /--port must be a port number/],
    [['--port', '-1'], /--port/],
    [['--port'], /--port/],
    [['--colour', 'red'], /Unknown option '--colour'/],
    [['serve'], /Unexpected argument 'serve'/],
    [['--host', ''], /--host must not be empty/],
    [['--data', ' '], /--data must not be empty/],
    [['--web', '/nonexistent/casefile-web'], /--web: \/nonexistent\/casefile-web is not a directory/],
  ])('refuse %j with a message saying what to change', (argv, message) => {
    expect(() => parseCliOptions(argv, {}, cwd)).toThrow(OptionsError);
    expect(() => parseCliOptions(argv, {}, cwd)).toThrow(message);
  });

  it('refuse a bad PORT or CASEFILE_WEB_ROOT from the environment, naming it', () => {
    expect(() => parseCliOptions([], { PORT: 'http' }, cwd)).toThrow(
      /The PORT environment variable must be a port number/,
    );
    expect(() => parseCliOptions([], { CASEFILE_WEB_ROOT: '/nonexistent/x' }, cwd)).toThrow(/CASEFILE_WEB_ROOT/);
  });
});
