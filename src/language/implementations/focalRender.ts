import type { FocalExpr, FocalStep, FocalVariable } from './focalExpr';
import { FOCAL_VOCABULARIES } from './focalVocabulary';
import type { FocalFramework, FocalVocabulary, Primitive } from './focalVocabulary';
import type { CodePiece } from './snippetText';

/*
 * Prints a focal loss model (its steps and the text around them: sigmoidFocalText.ts,
 * softmaxFocalText.ts) as a Python function for one framework. Only the vocabulary differs between
 * frameworks (focalVocabulary.ts); the formula, its comments and the function's contract are
 * shared, so the three cannot drift apart.
 */

/** What one focal model says around its steps, for one framework. */
export interface FocalModelText {
  readonly functionName: string;
  readonly imports: readonly string[];
  /** alpha's annotation and default: the default is the snippet's tab stop 1. */
  readonly alphaType: string;
  readonly alphaDefault: string;
  readonly reductionDefault: string;
  /** The docstring's lines without the quotes; indented lines keep their indent. */
  readonly docstring: readonly string[];
  /** Statements before the steps (casts of the arguments). */
  readonly prologue: readonly string[];
  /** The Python condition under which the whenAlphaOn steps run, and statements that open that block. */
  readonly alphaOn: string;
  readonly alphaPrologue: readonly string[];
  readonly steps: readonly FocalStep[];
}

/** Lines longer than this have their outermost call's arguments put one per line. */
const MAX_LINE = 100;
const INDENT = '    ';

/** The snippet's tab stop 2: the paper's gamma, the default of every model. */
export const DEFAULT_GAMMA_TEXT = '2.0';

/** The focal loss function `text` describes, for `framework`, as code pieces with tab stops for alpha (1) and gamma (2). */
export function renderFocalImplementation(framework: FocalFramework, text: FocalModelText): CodePiece[] {
  const vocab = FOCAL_VOCABULARIES[framework];
  const t = vocab.tensorType;
  const lines: string[] = [];
  const body = (line: string, depth = 1) => lines.push(line === '' ? '' : INDENT.repeat(depth) + line);
  const pieces: CodePiece[] = [
    [...text.imports, '', '', `def ${text.functionName}(`, `${INDENT}${vocab.inputs}: ${t},`, `${INDENT}${vocab.targets}: ${t},`, `${INDENT}alpha: ${text.alphaType} = `].join('\n'),
    { tabStop: 1, placeholder: text.alphaDefault },
    `,\n${INDENT}gamma: float = `,
    { tabStop: 2, placeholder: DEFAULT_GAMMA_TEXT },
    `,\n${INDENT}reduction: str = "${text.reductionDefault}",\n) -> ${t}:\n`,
  ];
  text.docstring.forEach((line, k) => body(k === 0 ? `"""${line}` : line));
  body('"""');
  for (const line of text.prologue) body(line);
  const names = (name: FocalVariable) => (name === 'inputs' ? vocab.inputs : name === 'targets' ? vocab.targets : name);
  let inAlphaBlock = false;
  for (const step of text.steps) {
    const depth = step.whenAlphaOn ? 2 : 1;
    if (step.whenAlphaOn && !inAlphaBlock) {
      body(`if ${text.alphaOn}:`);
      for (const line of text.alphaPrologue) body(line, 2);
    }
    inAlphaBlock = step.whenAlphaOn === true;
    if (step.comment !== '') for (const line of step.comment.split('\n')) body(`# ${line}`, depth);
    for (const line of statement(step.assign, step.expr, vocab, names, INDENT.repeat(depth))) lines.push(line);
  }
  body('if reduction == "mean":');
  body(`return ${vocab.mean}`, 2);
  body('if reduction == "sum":');
  body(`return ${vocab.sum}`, 2);
  body('if reduction != "none":');
  body(`raise ValueError(f"reduction must be 'none', 'mean' or 'sum', got {reduction!r}")`, 2);
  body('return loss');
  pieces.push(`${lines.join('\n')}\n`, { tabStop: 0, placeholder: '' });
  return pieces;
}

type Names = (name: FocalVariable) => string;

/** `name = expr` at `indent`, its outermost call split over lines when it is too long. */
function statement(name: FocalVariable, expr: FocalExpr, vocab: FocalVocabulary, names: Names, indent: string): string[] {
  const oneLine = `${indent}${name} = ${print(expr, vocab, names)}`;
  if (oneLine.length <= MAX_LINE || expr.kind !== 'call') return [oneLine];
  const primitive = vocab.primitives[expr.fn];
  if ('template' in primitive) return [oneLine];
  const args = callArgs(primitive, expr.args, vocab, names);
  return [`${indent}${name} = ${primitive.open}`, ...args.map((arg) => `${indent}${INDENT}${arg},`), `${indent}${primitive.close}`];
}

/** Binding strength: + and - 1, * 2, unary minus 3, names, numbers and calls 4. */
function precedence(expr: FocalExpr): number {
  if (expr.kind === 'binary') return expr.op === '*' ? 2 : 1;
  if (expr.kind === 'neg') return 3;
  return 4;
}

function print(expr: FocalExpr, vocab: FocalVocabulary, names: Names): string {
  switch (expr.kind) {
    case 'var':
      return names(expr.name);
    case 'num':
      return String(expr.value);
    case 'neg':
      return `-${wrap(expr.operand, 3, vocab, names)}`;
    case 'binary': {
      const p = precedence(expr);
      // a - (b - c) and a * (b * c) keep their parentheses: the right operand binds tighter.
      return `${wrap(expr.left, p, vocab, names)} ${expr.op} ${wrap(expr.right, p + 1, vocab, names)}`;
    }
    case 'call': {
      const primitive = vocab.primitives[expr.fn];
      if ('template' in primitive) return primitive.template(atoms(expr.args, vocab, names));
      return `${primitive.open}${callArgs(primitive, expr.args, vocab, names).join(', ')}${primitive.close}`;
    }
  }
}

function callArgs(primitive: Exclude<Primitive, { template: unknown }>, args: readonly FocalExpr[], vocab: FocalVocabulary, names: Names): string[] {
  return primitive.args ? primitive.args(atoms(args, vocab, names)) : args.map((arg) => print(arg, vocab, names));
}

/** Arguments a primitive rewrites: parenthesised unless names, numbers or calls, so `x.dtype` and `x[i]` are right for any x. */
function atoms(args: readonly FocalExpr[], vocab: FocalVocabulary, names: Names): string[] {
  return args.map((arg) => wrap(arg, 4, vocab, names));
}

function wrap(expr: FocalExpr, minimum: number, vocab: FocalVocabulary, names: Names): string {
  const text = print(expr, vocab, names);
  return precedence(expr) < minimum ? `(${text})` : text;
}
