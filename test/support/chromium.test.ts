/** What `npm test`'s Chromium check does on each kind of machine, decided without touching this one. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, plan } from './chromium.js';

const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe('the Chromium check before npm test', () => {
  it('goes ahead when Debian’s Chromium is installed', () => {
    expect(plan({ configured: undefined, executable: only(DEFAULT_CHROMIUM), isRoot: false })).toEqual({
      kind: 'ready',
      path: DEFAULT_CHROMIUM,
    });
  });

  it('uses CHROMIUM_PATH when set', () => {
    expect(plan({ configured: '/opt/chrome/chrome', executable: only('/opt/chrome/chrome'), isRoot: false })).toEqual({
      kind: 'ready',
      path: '/opt/chrome/chrome',
    });
  });

  it('installs Debian’s package as root where apt-get is', () => {
    expect(plan({ configured: undefined, executable: only('/usr/bin/apt-get'), isRoot: true })).toEqual({
      kind: 'install',
      path: DEFAULT_CHROMIUM,
    });
  });

  it('says the exact command when it may not install', () => {
    const answer = plan({ configured: undefined, executable: only('/usr/bin/apt-get'), isRoot: false });
    expect(answer.kind).toBe('missing');
    expect(answer.kind === 'missing' && answer.message).toContain(
      "sudo sh -c 'apt-get update && apt-get install -y chromium'",
    );
  });

  it('says what to install on a machine without apt-get, even as root', () => {
    const answer = plan({ configured: undefined, executable: only(), isRoot: true });
    expect(answer.kind).toBe('missing');
    expect(answer.kind === 'missing' && answer.message).toContain('CHROMIUM_PATH');
  });

  it('never installs over a CHROMIUM_PATH that points nowhere: it says so', () => {
    const answer = plan({
      configured: '/nowhere/chromium',
      executable: only('/usr/bin/apt-get', DEFAULT_CHROMIUM),
      isRoot: true,
    });
    expect(answer.kind).toBe('missing');
    expect(answer.kind === 'missing' && answer.message).toContain('CHROMIUM_PATH is /nowhere/chromium');
  });
});
