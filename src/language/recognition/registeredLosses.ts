/*
 * The names a Python file registers with an OpenMMLab registry (mmcv / mmengine `Registry`):
 * `@LOSSES.register_module()` / `@MODELS.register_module()` (or mmcv 1.x's `@LOSSES.register_module`
 * without parentheses) above `class FocalLoss`, registered as the class's name or the `name=` (or first
 * positional string) given; and `LOSSES.register_module(name='FocalLoss', module=MyFocal)`. A config's
 * `dict(type='FocalLoss')` builds what the registry holds under that name: in a workspace that registers
 * its own, not necessarily upstream mmdet's class (the extension's workspaceRegistrations.ts).
 */

const DECORATED = /@[ \t]*[\w.]*register_module\b(?:[ \t]*\(([^)]*)\))?[ \t]*\r?\n(?:[ \t]*@[^\n]*\n)*[ \t]*class[ \t]+(\w+)/g;
const CALLED = /\bregister_module[ \t]*\([^)]*\bname[ \t]*=[ \t]*['"](\w+)['"][^)]*\bmodule[ \t]*=/g;
const NAME_ARG = /(?:^|[(,\s])name[ \t]*=[ \t]*['"](\w+)['"]|^[ \t]*['"](\w+)['"]/;

/** The names `text` registers (see the comment at the top), in the file's order. */
export function registeredLossNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(DECORATED)) {
    const arg = match[1] ? NAME_ARG.exec(match[1]) : null;
    names.push(arg ? (arg[1] ?? arg[2])! : match[2]!);
  }
  for (const match of text.matchAll(CALLED)) names.push(match[1]!);
  return names;
}
