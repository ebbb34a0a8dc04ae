import type { Argument } from './argument';
import { HUB_LOAD_KEYWORDS, HUB_LOSSES, type CatalogEntry } from './catalog';
import type { CatalogLookup } from './catalogLookup';
import type { PythonFile } from './pythonFile';
import { STRING } from './pythonScanner';
import { pythonString } from './values';

/*
 * A loss loaded with torch.hub: `torch.hub.load('adeelh/pytorch-multi-class-focal-loss', model='FocalLoss',
 * alpha=..., gamma=2)` builds the repository's entry point with the arguments torch.hub.load does not keep
 * for itself. Only a GitHub repository written as a literal and a model named as one are read; a local
 * directory (source='local') or a name the file computes is not a loss the catalog knows.
 */

/** What torch.hub.load names in the callee `segments` called with `written`: the entry point's catalog entry and its own arguments. */
export interface HubLoss {
  readonly entry: CatalogEntry;
  readonly args: readonly Argument[];
}

export function hubLossOf(file: PythonFile, catalog: CatalogLookup, segments: readonly string[], written: readonly Argument[]): HubLoss | undefined {
  if (segments[segments.length - 1] !== 'load' || catalog.qualifiedName(segments) !== 'torch.hub.load') return undefined;
  if (written.some((arg) => arg.star !== '')) return undefined;
  const positional = written.filter((arg) => arg.keyword === '');
  const repo = stringOf(file, positional[0] ?? written.find((arg) => arg.keyword === 'repo_or_dir'));
  const model = stringOf(file, positional[1] ?? written.find((arg) => arg.keyword === 'model'));
  const source = written.find((arg) => arg.keyword === 'source');
  if (repo === undefined || model === undefined || (source && stringOf(file, source) !== 'github')) return undefined;
  // 'owner/name[:ref]': the ref picks a branch or tag, not another loss.
  const entry = HUB_LOSSES.get(repo.replace(/:.*$/, '').toLowerCase())?.get(model);
  if (!entry) return undefined;
  const own = new Set(positional.slice(0, 2));
  return { entry, args: written.filter((arg) => !own.has(arg) && !HUB_LOAD_KEYWORDS.has(arg.keyword)) };
}

function stringOf(file: PythonFile, arg: Argument | undefined): string | undefined {
  if (!arg || arg.to !== arg.from + 1 || file.tokens.kind[arg.from] !== STRING) return undefined;
  return pythonString(file.text(arg.from));
}
