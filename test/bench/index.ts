// `npm run bench`: every benchmark, printing figures (not pass/fail timing tests).
// `npm run bench -- core` (or softmax, hover, fuzz, lint, lintImports, live) runs one section.
import { benchCore } from './core';
import { benchHover } from './hover';
import { benchInputs } from './inputs';
import { benchLint } from './lint';
import { benchLintImports } from './lintImports';
import { benchLive } from './live';
import { benchSoftmax } from './softmax';

const sections: Record<string, () => void | Promise<void>> = { core: benchCore, softmax: benchSoftmax, hover: benchHover, fuzz: benchInputs, lint: benchLint, lintImports: benchLintImports, live: benchLive };
const chosen = process.argv.slice(2).filter((name) => name in sections);

console.log(`Loss Lens benchmarks (node ${process.version}, ${process.arch})`);
void (async () => {
  for (const [name, run] of Object.entries(sections)) if (chosen.length === 0 || chosen.includes(name)) await run();
})();
