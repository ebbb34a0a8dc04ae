import type { Argument, ArgumentMapper } from './argumentMapping';
import { BY_PATH, SKORCH_CLASSIFIER_NLL, SKORCH_NETS, type CatalogEntry } from './catalog';
import type { CatalogLookup } from './catalogLookup';
import type { PythonFile } from './pythonFile';
import { closeOf, readDotted } from './pythonModule';
import { isOp } from './pythonScanner';

/*
 * A skorch net's criterion (catalog/skorch.ts for the facts): `NeuralNetClassifier(Module,
 * criterion=torch.nn.CrossEntropyLoss, criterion__weight=w)` computes torch.nn.CrossEntropyLoss(weight=w) on
 * the module's output; without `criterion`, the classifier's NLLLoss of log(p) and the binary classifier's
 * BCEWithLogitsLoss. Seen in public code: skorch's own notebooks and README (`NeuralNetClassifier(MyModule,
 * max_epochs=10, lr=0.1)`), and `NeuralNet(module, criterion=nn.CrossEntropyLoss, criterion__weight=...)`
 * in tabular and text classifiers. Only what the call shows is read: a criterion the file computes (a name,
 * a factory call), `*args` / `**kwargs`, a positional criterion of a classifier, or an instance rebuilt with
 * `criterion__` keywords keep the hover silent.
 */

export interface SkorchLoss {
  readonly entry: CatalogEntry;
  readonly args: readonly Argument[];
}

export function skorchLossOf(file: PythonFile, mapper: ArgumentMapper, catalog: CatalogLookup, segments: readonly string[], written: readonly Argument[]): SkorchLoss | undefined {
  const qualified = catalog.qualifiedName(segments);
  const net = qualified === undefined ? undefined : SKORCH_NETS.get(qualified);
  if (!net || written.some((arg) => arg.star !== '')) return undefined;
  const positional = written.filter((arg) => arg.keyword === '');
  // A classifier's positions after the module go to NeuralNet's (criterion, optimizer, ...) beside its own criterion=.
  if (net !== 'net' && positional.length > 1) return undefined;
  const criterion = written.find((arg) => arg.keyword === 'criterion') ?? (net === 'net' ? positional[1] : undefined);
  const prefixed = written.filter((arg) => arg.keyword.startsWith('criterion__')).map((arg) => ({ ...arg, keyword: arg.keyword.slice('criterion__'.length) }));
  if (!criterion) {
    if (net === 'net') return undefined;
    return { entry: net === 'classifier' ? SKORCH_CLASSIFIER_NLL : asCriterion(BY_PATH.get('torch.nn.BCEWithLogitsLoss')!), args: prefixed };
  }
  const { tokens } = file;
  const [dotted, after] = readDotted(tokens, criterion.from, criterion.to);
  if (dotted === '') return undefined;
  const path = dotted.split('.');
  const name = path[path.length - 1]!;
  const found = /^[A-Z]/.test(name) ? catalog.entry(path) : undefined;
  if (!found) return undefined;
  const entry = net === 'classifier' && found.api === 'torch.nn.NLLLoss' ? SKORCH_CLASSIFIER_NLL : asCriterion(found);
  if (after === criterion.to) return { entry, args: prefixed };
  // An instance: used as it is, or rebuilt from the criterion__ keywords alone (silent: easy to misread).
  if (!isOp(tokens, after, '(') || closeOf(tokens, after) !== criterion.to - 1 || prefixed.length > 0) return undefined;
  return { entry, args: mapper.read(after + 1, criterion.to - 1) };
}

const CRITERIA = new WeakMap<CatalogEntry, CatalogEntry>();

/**
 * The entry as a net's criterion: its own api marked so, reached by no path. The call written is the net's
 * (`NeuralNetClassifier(MyModule, lr=0.1)`), not the loss's construction, so what knows the loss's signature
 * (the lint's keyword and prediction checks) must not read the net's arguments as the loss's.
 */
function asCriterion(entry: CatalogEntry): CatalogEntry {
  let criterion = CRITERIA.get(entry);
  if (!criterion) CRITERIA.set(entry, (criterion = { ...entry, api: `${entry.api} (skorch criterion)`, paths: [] }));
  return criterion;
}
