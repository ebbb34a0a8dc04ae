/*
 * Which modules a Python text imports that may be files of the workspace (the editor's imported files
 * read them; src/extension/importedFiles.ts). Top-level packages that are libraries are never files of
 * the workspace: an import of one is not looked for among the user's files (the editor's, the CLI's)
 * nor read as the user's model.
 */
const LIBRARY_ROOTS = new Set([
  'torch', 'torchvision', 'numpy', 'np', 'tensorflow', 'tf', 'keras', 'jax', 'jnp', 'optax', 'flax', 'kornia', 'monai', 'mmdet', 'mmcv', 'mmengine', 'mmseg', 'mmyolo', 'mmrotate', 'detectron2', 'fvcore',
  'segmentation_models_pytorch', 'ultralytics', 'transformers', 'paddle', 'ppdet', 'timm', 'lightning', 'pytorch_lightning', 'sklearn', 'scipy', 'pandas', 'matplotlib', 'tqdm', 'wandb', 'PIL', 'cv2',
  'os', 'sys', 're', 'math', 'json', 'time', 'typing', 'collections', 'functools', 'itertools', 'pathlib', 'argparse', 'logging', 'random', 'copy', 'dataclasses', 'abc', 'warnings', '__future__',
]);

/** Whether the absolute module name (`torchvision.models`) is a library's; a relative one (`.models`) never is. */
export function isLibraryModule(name: string): boolean {
  return !name.startsWith('.') && LIBRARY_ROOTS.has(name.split('.')[0]!);
}

/** `from X import ...`, `from . import a, b`, `import a.b, c as d`: the module part and what follows `import`. */
const IMPORT_LINE = /^[ \t]*(?:from[ \t]+(\.*[A-Za-z_][\w.]*|\.+)[ \t]+import[ \t]+(\(?[^\n#;]*)|import[ \t]+([^\n#;]+))/gm;
const NAME_LIST_ITEM = /^[ \t(]*(\.*[A-Za-z_][\w.]*)/;

/**
 * The modules `text` imports that may be files of the workspace, in order, at most `max`: `from X
 * import ...` gives X; `from . import a, b` gives '.' (its __init__.py) and '.a', '.b' (each may be a
 * module of the package); `import a.b, c as d` gives 'a.b' and 'c'. Libraries' modules are left out.
 */
export function importedModuleNames(text: string, max: number): string[] {
  const names = new Set<string>();
  const add = (name: string) => {
    if (names.size < max && !isLibraryModule(name)) names.add(name);
  };
  for (const match of text.matchAll(IMPORT_LINE)) {
    if (match[1] !== undefined) {
      add(match[1]);
      // Only dots: the names after `import` may be modules of that package.
      if (/^\.+$/.test(match[1])) for (const item of match[2]!.split(',')) {
        const name = NAME_LIST_ITEM.exec(item)?.[1];
        if (name && !name.startsWith('.')) add(`${match[1]}${name}`);
      }
    } else {
      for (const item of match[3]!.split(',')) {
        const name = NAME_LIST_ITEM.exec(item)?.[1];
        if (name) add(name);
      }
    }
    if (names.size >= max) break;
  }
  return [...names];
}

/**
 * The module that `target`, as a workspace module imports it (`.focal` in `from .focal import FocalLoss`), is
 * named by the document that imports that module as `home` ('losses', 'utils.losses', '.losses'; `homeIsPackage`
 * when it is a package's `__init__.py`): 'losses.focal' for a package 'losses', 'utils.focal' for a module
 * 'utils.losses'. An absolute target is named as written. Undefined when the dots climb above what the document can
 * name (`from .focal import ...` in a top-level module `losses.py` of no package).
 */
export function moduleSeenFrom(home: string, homeIsPackage: boolean, target: string): string | undefined {
  const climb = /^\.*/.exec(target)![0].length;
  if (climb === 0) return target;
  let dots = /^\.*/.exec(home)![0].length;
  const parts = home.slice(dots).split('.').filter(Boolean);
  // The package the home module is in: itself when it is one, else its parent.
  if (!homeIsPackage) {
    if (parts.length === 0) return undefined;
    parts.pop();
  }
  for (let i = 1; i < climb; i++) {
    if (parts.length > 0) parts.pop();
    else if (dots > 0) dots++;
    else return undefined;
  }
  if (dots === 0 && parts.length === 0) return undefined;
  const rest = target.slice(climb).split('.').filter(Boolean);
  const all = [...parts, ...rest];
  return dots > 0 ? '.'.repeat(dots) + all.join('.') : all.join('.');
}

/**
 * The modules of its own package a workspace module imports (`from .loss import FocalLoss` in a package's
 * `__init__.py`), named as the document that imports that module as `home` names modules: where the losses it
 * re-exports are defined (userLosses.ts follows them). At most `max`.
 */
export function reexportedModuleNames(home: string, homeIsPackage: boolean, text: string, max: number): string[] {
  const names: string[] = [];
  for (const name of importedModuleNames(text, max)) {
    const seen = name.startsWith('.') ? moduleSeenFrom(home, homeIsPackage, name) : undefined;
    if (seen !== undefined && seen !== home && !names.includes(seen)) names.push(seen);
  }
  return names;
}
