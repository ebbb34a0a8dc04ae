// What package.json promises the Extensions view and the marketplace, checked against the files,
// and the integration suites' own assertions (they must be able to fail).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as integrationAssert from '../integration/assert';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { icon?: string };

describe('package.json', () => {
  it('names a 128 x 128 PNG icon that .vscodeignore lets into the package', () => {
    assert.ok(manifest.icon, 'no icon');
    const png = readFileSync(join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: width and height are the big-endian words at bytes 16 and 20.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes(`!${manifest.icon}`), `.vscodeignore does not let ${manifest.icon} through`);
  });
});

describe('test/integration/assert', () => {
  it('passes what holds and throws on what does not', () => {
    integrationAssert.ok(1);
    integrationAssert.equal(NaN, NaN);
    integrationAssert.match('gamma 2', /gamma \d/);
    integrationAssert.deepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] });
    assert.throws(() => integrationAssert.ok(0), integrationAssert.AssertionError);
    assert.throws(() => integrationAssert.equal(0, -0), /expected 0, got 0/);
    assert.throws(() => integrationAssert.equal('1', 1));
    assert.throws(() => integrationAssert.match('gamma', /alpha/));
    assert.throws(() => integrationAssert.deepEqual([1, 2], [1, 2, 3]));
    assert.throws(() => integrationAssert.deepEqual({ a: 1 }, { b: 1 }));
    assert.throws(() => integrationAssert.deepEqual([1], { 0: 1 }));
    assert.throws(() => integrationAssert.ok(false, 'said so'), /said so/);
  });
});
