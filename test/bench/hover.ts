import { LossCallIndex } from '../../src/language';
import { percentile, report } from './measure';

/*
 * Cost of the hover's lookup, LossCallIndex.callAt, on generated Python files with one loss call
 * every 10 lines across the catalog's libraries. Targets: warm p99 <= 2 ms and first request after
 * an edit <= 20 ms at 20,000 lines; warm cost growing at most 1.5x from 2,000 to 200,000 lines.
 */

const HEADER = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'from torchvision.ops import sigmoid_focal_loss as sfl',
  'from fvcore.nn import sigmoid_focal_loss_jit, sigmoid_focal_loss_star',
  'import optax',
  'import tensorflow as tf',
  'from keras import losses',
  'import kornia',
  'from monai.losses import FocalLoss as MonaiFocal',
  'GAMMA = 2.0',
  'ALPHA = 0.25',
];

const CALLS = [
  'sfl(logits, targets, alpha=ALPHA, gamma=GAMMA, reduction="sum")',
  'F.binary_cross_entropy_with_logits(x, y, pos_weight=3.0)',
  'sigmoid_focal_loss_jit(x, y, alpha=self.alpha, gamma=2)',
  'optax.sigmoid_focal_loss(x, y, alpha=0.5)',
  'tf.keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.4, from_logits=True)',
  'losses.BinaryCrossentropy(from_logits=True)',
  'kornia.losses.focal_loss(p, t, 0.5, gamma=1.5)',
  'MonaiFocal(gamma=GAMMA, alpha=None)',
  "dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25)",
  'nn.CrossEntropyLoss(label_smoothing=0.1)',
  'sigmoid_focal_loss_star(x, y, gamma=4)',
];

/** A Python file of `lines` lines: the header, then blocks of 10 lines with one loss call each. */
export function generatedPython(lines: number): { text: string; callOffsets: number[]; otherOffsets: number[] } {
  const out: string[] = [...HEADER];
  const callOffsets: number[] = [];
  const otherOffsets: number[] = [];
  let offset = out.join('\n').length + 1;
  const push = (line: string) => {
    out.push(line);
    offset += line.length + 1;
  };
  for (let block = 0; out.length + 10 <= lines; block++) {
    push('');
    push(`class Block${block}(nn.Module):`);
    push(`    def __init__(self, alpha=0.25, scale=${block % 7}):`);
    push('        super().__init__()  # (a comment with "quotes" and brackets [')
    push('        self.alpha = alpha');
    push(`    def forward(self, x, y, p, t):`);
    push(`        msg = f"block {${block} * 2} ({x.shape})"`);
    otherOffsets.push(offset + 8);
    const call = CALLS[block % CALLS.length]!;
    callOffsets.push(offset + '        loss = '.length + 2);
    push(`        loss = ${call}`);
    push(`        gamma = 0.99  # an RL discount, not a loss parameter`);
    push('        return loss');
  }
  while (out.length < lines) push('# padding');
  return { text: out.join('\n'), callOffsets, otherOffsets };
}

function timeMs(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Figures {
  calls: number;
  warmMedian: number;
  warmP99: number;
  warmMean: number;
  firstMedian: number;
  firstMax: number;
}

function measureHover(lines: number, firstRuns: number): Figures {
  const { text, callOffsets, otherOffsets } = generatedPython(lines);
  const index = new LossCallIndex();
  const uri = `file:///bench${lines}.py`;
  let found = 0;
  // First request after an edit: a new version each time, so each one re-reads the document.
  const first: number[] = [];
  for (let run = 0; run < firstRuns; run++) {
    const offset = callOffsets[run % callOffsets.length]!;
    first.push(timeMs(() => (found += index.callAt(uri, run + 1, () => text, offset, 'python') ? 1 : 0)));
  }
  const version = firstRuns;
  const offsets = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? callOffsets : otherOffsets)[(i * 7919) % callOffsets.length]!);
  for (const offset of offsets.slice(0, 2000)) index.callAt(uri, version, text, offset, 'python'); // warm up the JIT
  const warm = offsets.map((offset) => timeMs(() => (found += index.callAt(uri, version, text, offset, 'python') ? 1 : 0)));
  const batch = timeMs(() => {
    for (const offset of offsets) found += index.callAt(uri, version, text, offset, 'python') ? 1 : 0;
  });
  const calls = index.calls(uri, version, text, 'python').length;
  if (found === 0 || calls !== callOffsets.length) throw new Error(`benchmark found ${calls} calls, expected ${callOffsets.length}`);
  return {
    calls,
    warmMedian: percentile(warm, 0.5),
    warmP99: percentile(warm, 0.99),
    warmMean: batch / offsets.length,
    firstMedian: percentile(first, 0.5),
    firstMax: Math.max(...first),
  };
}

export function benchHover(): void {
  const small = measureHover(2_000, 30);
  const medium = measureHover(20_000, 20);
  const large = measureHover(200_000, 5);
  const us = (ms: number) => ms * 1000;
  report('hover: LossCallIndex.callAt on generated Python (one loss call per 10 lines)', [
    [`20,000 lines (${medium.calls} calls): warm median`, us(medium.warmMedian), 'us', undefined],
    ['20,000 lines: warm p99', us(medium.warmP99), 'us', 2000],
    ['20,000 lines: first request after an edit, median', medium.firstMedian, 'ms', 20],
    ['20,000 lines: first request after an edit, max', medium.firstMax, 'ms', undefined],
    [`2,000 lines (${small.calls} calls): warm median / p99`, us(small.warmMedian), 'us', undefined],
    ['2,000 lines: warm p99', us(small.warmP99), 'us', 2000],
    ['2,000 lines: first request after an edit, median', small.firstMedian, 'ms', undefined],
    [`200,000 lines (${large.calls} calls): warm median`, us(large.warmMedian), 'us', undefined],
    ['200,000 lines: warm p99', us(large.warmP99), 'us', 2000],
    ['200,000 lines: first request after an edit, median', large.firstMedian, 'ms', undefined],
    ['warm mean per request, 2,000 lines', us(small.warmMean), 'us', undefined],
    ['warm mean per request, 200,000 lines', us(large.warmMean), 'us', undefined],
    ['warm growth 2,000 -> 200,000 lines (mean per request)', large.warmMean / small.warmMean, 'x', 1.5],
  ]);
}
