import type { PythonModule } from '../recognition';

/*
 * The statements of the user's hand-written focal losses, read by the rules that check their bodies
 * (focal-factor-multiplied, focal-factor-mismatched): only a def whose name, or whose class's name,
 * says focal.
 */

/** One logical line of such a def: its def scope and token range, in the file's order. */
export interface FocalStatement {
  readonly scope: number;
  readonly from: number;
  readonly to: number;
}

/** Per module (one per version): its focal statements, read once for the three rules that walk them. */
const FOCAL_STATEMENTS = new WeakMap<PythonModule, readonly FocalStatement[]>();

/** Every logical line of a def named focal (or a method of a class named focal), in one pass over the lines. */
export function focalStatements(module: PythonModule): readonly FocalStatement[] {
  let statements = FOCAL_STATEMENTS.get(module);
  if (!statements) FOCAL_STATEMENTS.set(module, (statements = readFocalStatements(module)));
  return statements;
}

function readFocalStatements(module: PythonModule): FocalStatement[] {
  const t = module.tokens;
  if (!/focal/i.test(t.text)) return [];
  const named = (index: number) => {
    const scope = module.scope(index);
    const owner = scope.parent >= 0 ? module.scope(scope.parent) : undefined;
    return scope.kind === 'def' && (/focal/i.test(scope.name) || (owner?.kind === 'class' && /focal/i.test(owner.name)));
  };
  const checked = new Map<number, boolean>();
  const statements: FocalStatement[] = [];
  for (let h = 0; h < t.headCount; h++) {
    const index = module.headScope[h]!;
    let focal = checked.get(index);
    if (focal === undefined) checked.set(index, (focal = named(index)));
    if (focal) statements.push({ scope: index, from: t.heads[h]!, to: h + 1 < t.headCount ? t.heads[h + 1]! : t.count });
  }
  return statements;
}
