import { generatedPython } from '../../bench/hover';
import { POSITIVE } from './recognitionSnippets';

/*
 * Random edits for the incremental re-read tests: a chain of versions of a document, each one edit
 * (insert, delete or replace) away from the last, with pieces that matter to the scanner (quotes,
 * brackets, line breaks, indentation, comments, keywords, line continuations).
 */

const PIECES = ['(', ')', '[', ']', '{', '}', '"', "'", '"""', "'''", 'f"{', '}"', '\n', '\r\n', '\r', '    ', '\t', '#', '\\\n', ':', ',', '=', '.',
  'def f(alpha=0.25, gamma=2):\n    ', 'class A:\n', 'import torch.nn as nn\n', 'from torchvision.ops import sigmoid_focal_loss as sfl\n', 'return ', '@dec\n', 'x', 'gamma', '2.0',
  'sfl(x, y, gamma=3)', 'F.cross_entropy(x, y, label_smoothing=0.1)', "dict(type='FocalLoss', gamma=2.0)", "{'type': 'FocalLoss', 'alpha': 0.3}", 'cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 1.5\n', 'GAMMA = 4\n', 'if x:\n        ',
  // What the class count reads (names searched in the text, derived across edits: spelledTokens.ts).
  'num_classes=5', 'NUM_CLASSES = 3\n', 'self.num_classes = 4\n        ', 'nn.CrossEntropyLoss(label_smoothing=0.2)'];

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const choice = next();
  const piece = PIECES[Math.floor(next() * PIECES.length)]!;
  if (choice < 0.45) return text.slice(0, at) + piece + text.slice(at);
  const length = Math.floor(next() * (next() < 0.8 ? 4 : 60));
  if (choice < 0.75) return text.slice(0, at) + text.slice(at + length);
  // Replace: sometimes with text cut from elsewhere in the document (moves whole statements).
  const from = Math.floor(next() * text.length);
  const replacement = next() < 0.5 ? piece : text.slice(from, from + Math.floor(next() * 80));
  return text.slice(0, at) + replacement + text.slice(at + length);
}

/** Starting documents: every positive recognition snippet (Python ones) and a generated bench file. */
export function seeds(): string[] {
  const python = POSITIVE.filter((c) => (c.language ?? 'python') === 'python').map((c) => c.src);
  return [...python, generatedPython(400).text];
}
