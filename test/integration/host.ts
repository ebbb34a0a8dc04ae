// Which extension host a suite runs in. The harness runs the same suites twice: in VS Code's Node
// extension host and, with the extension forced to run as a web extension, in its web worker host
// (as in VS Code for the Web). Each bundle is built for one of them (esbuild.mjs defines
// LOSS_LENS_TEST_HOST), and the activation suite checks the code really runs there.

declare const LOSS_LENS_TEST_HOST: 'node' | 'web';

export const EXPECTED_HOST: 'node' | 'web' = LOSS_LENS_TEST_HOST;

/** Where this code is running, judged from the globals each host has. */
export function actualHost(): 'node' | 'web' | 'unknown' {
  const scope = globalThis as { process?: { versions?: { node?: string } }; importScripts?: unknown; navigator?: unknown };
  if (typeof scope.process?.versions?.node === 'string') return 'node';
  if (typeof scope.importScripts === 'function' && scope.navigator !== undefined) return 'web';
  return 'unknown';
}
