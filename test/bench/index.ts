// `npm run bench`: every benchmark, printing figures (not pass/fail timing tests).
import { benchCore } from './core';
import { benchHover } from './hover';

console.log(`Loss Lens benchmarks (node ${process.version}, ${process.arch})`);
benchCore();
benchHover();
