import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
  'num_classes=5', 'NUM_CLASSES = 3\n', 'self.num_classes = 4\n        ', 'nn.CrossEntropyLoss(label_smoothing=0.2)',
  // What a config's text is searched for (carried across edits: textMentions.ts).
  'mmdet', 'bbox_head', '3D'];

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

/** Offsets in `text` where `pattern` matches (its index plus `within`, clamped inside the match). */
function places(text: string, pattern: RegExp): { at: number; length: number }[] {
  return [...text.matchAll(pattern)].map((m) => ({ at: m.index!, length: m[0].length }));
}

function pick<T>(items: readonly T[], next: () => number): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(next() * items.length)];
}

const splice = (text: string, at: number, remove: number, insert: string) => text.slice(0, at) + insert + text.slice(at + remove);

/** One edit aimed at a place where the scanner's state matters; falls back to a random edit. */
export function aimedEdit(text: string, next: () => number): string {
  const kind = Math.floor(next() * 11);
  const inside = (place: { at: number; length: number }) => place.at + 1 + Math.floor(next() * Math.max(1, place.length - 1));
  switch (kind) {
    case 0: { // inside a string: a quote, an escape, a brace or a line break
      const place = pick(places(text, /(["'])[^"'\n]*\1/g), next);
      if (place) return splice(text, inside(place), 0, pick(['"', "'", '\\', '{', '}', '\n', 'x'], next)!);
      break;
    }
    case 1: { // open a triple-quoted string somewhere, or close/remove an existing one
      const triples = places(text, /"""|'''/g);
      if (triples.length > 0 && next() < 0.5) {
        const place = pick(triples, next)!;
        return splice(text, place.at, 3, next() < 0.5 ? '' : '"');
      }
      return splice(text, Math.floor(next() * (text.length + 1)), 0, pick(['"""', "'''", '"""doc"""', 'r"""'], next)!);
    }
    case 2: { // f-strings: a brace inside one, or a new one with a replacement field
      const place = pick(places(text, /f(["'])[^"'\n]*\1/g), next);
      if (place && next() < 0.6) return splice(text, inside(place), 0, pick(['{', '}', '{x}', '{"a"}', "{'}'}", '{{'], next)!);
      return splice(text, Math.floor(next() * (text.length + 1)), 0, pick(['f"{x}"', 'f"{', 'f"{a["b"]}"', "f'''{\n}'''"], next)!);
    }
    case 3: { // comments: start one mid-line or at a line's start, or remove a '#'
      const hashes = places(text, /#/g);
      if (hashes.length > 0 && next() < 0.4) return splice(text, pick(hashes, next)!.at, 1, '');
      const line = pick(places(text, /\n[^\n]*/g), next);
      const at = line ? line.at + 1 + Math.floor(next() * line.length) : 0;
      return splice(text, Math.min(at, text.length), 0, pick(['#', '# (', '# """', '#\\'], next)!);
    }
    case 4: { // brackets: open or close one, or remove an existing one
      const brackets = places(text, /[()[\]{}]/g);
      if (brackets.length > 0 && next() < 0.5) return splice(text, pick(brackets, next)!.at, 1, '');
      return splice(text, Math.floor(next() * (text.length + 1)), 0, pick(['(', ')', '[', ']', '{', '}', '(\n', ')\n'], next)!);
    }
    case 5: { // line continuations: add one at a line end, or remove one
      const continued = places(text, /\\\r?\n/g);
      if (continued.length > 0 && next() < 0.5) return splice(text, pick(continued, next)!.at, 1, '');
      const end = pick(places(text, /\n/g), next);
      if (end) return splice(text, end.at, 0, pick([' \\', '\\', ' + \\'], next)!);
      break;
    }
    case 6: { // indentation: indent or dedent a line
      const line = pick(places(text, /\n[ \t]*/g), next);
      if (line) {
        if (line.length > 1 && next() < 0.5) return splice(text, line.at + 1, Math.min(line.length - 1, 4), '');
        return splice(text, line.at + 1, 0, pick(['    ', '\t', ' '], next)!);
      }
      break;
    }
    case 7: { // join two lines (with the next line's indentation)
      const line = pick(places(text, /\r?\n[ \t]*/g), next);
      if (line) return splice(text, line.at, next() < 0.5 ? line.length : 1, next() < 0.3 ? ' ' : '');
      break;
    }
    case 8: { // type into a function body, as the hover's bench does
      const line = pick(places(text, /\n {4,}[^\n]*/g), next);
      if (line) return splice(text, line.at + line.length, 0, pick(['x', '9', ' = 1', '\n        y = 2', '\n    gamma = 3', 'self.alpha = 0.5'], next)!);
      break;
    }
    case 9: { // delete a stretch that may span lines
      const at = Math.floor(next() * text.length);
      return splice(text, at, 1 + Math.floor(next() * 120), '');
    }
    default:
      break;
  }
  return edit(text, next);
}

/** The text of every .py file under `dir`. */
export function pythonFixtures(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...pythonFixtures(path));
    else if (entry.endsWith('.py')) found.push(readFileSync(path, 'utf8'));
  }
  return found;
}

/** Starting documents: every positive recognition snippet (Python ones) and a generated bench file. */
export function seeds(): string[] {
  const python = POSITIVE.filter((c) => (c.language ?? 'python') === 'python').map((c) => c.src);
  return [...python, generatedPython(400).text];
}
