import fs from 'node:fs';
import { expect, it } from 'vitest';
import { VERSION } from '../../electron/backend/version.ts';

it('reports the version package.json declares', () => {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  expect(VERSION).toBe(pkg.version);
});
