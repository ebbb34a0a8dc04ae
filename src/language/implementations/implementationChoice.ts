import { msg } from '../../core';
import { ALL_FOCAL_IMPLEMENTATIONS, FOCAL_FRAMEWORKS, FOCAL_MODELS } from '.';
import type { FocalFramework, FocalImplementation, FocalModel } from '.';

/*
 * What the "Insert Focal Loss Implementation" command's argument asks for, decided without VS Code
 * so the unit tests cover it. `{framework}` alone keeps meaning the sigmoid implementation, as it
 * did before the softmax ones existed; `{framework, model}` names one of the six; `{model}` alone
 * narrows the quick pick to that model's three.
 */

export interface ImplementationRequest {
  readonly framework?: unknown;
  readonly model?: unknown;
}

export type ImplementationChoice =
  | { readonly kind: 'insert'; readonly implementation: FocalImplementation }
  | { readonly kind: 'pick'; readonly candidates: readonly FocalImplementation[] }
  | { readonly kind: 'refuse'; readonly message: string };

const isFramework = (value: unknown): value is FocalFramework => (FOCAL_FRAMEWORKS as readonly unknown[]).includes(value);
const isModel = (value: unknown): value is FocalModel => (FOCAL_MODELS as readonly unknown[]).includes(value);
const quoted = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

export function chooseImplementation(request: ImplementationRequest): ImplementationChoice {
  const { framework, model } = request;
  const problems: string[] = [];
  if (framework !== undefined && !isFramework(framework)) {
    problems.push(msg('no implementation for framework {0}; choose {1}', quoted(framework), FOCAL_FRAMEWORKS.join(', ')));
  }
  if (model !== undefined && !isModel(model)) {
    problems.push(msg('no focal loss model {0}; choose {1}', quoted(model), FOCAL_MODELS.join(' or ')));
  }
  if (problems.length > 0) return { kind: 'refuse', message: problems.length === 1 ? msg('{0}.', problems[0]) : msg('{0}; {1}.', problems[0], problems[1]) };
  const wanted = (candidate: FocalImplementation) => (framework === undefined || candidate.framework === framework) && (model === undefined || candidate.model === model);
  if (framework === undefined) return { kind: 'pick', candidates: ALL_FOCAL_IMPLEMENTATIONS.filter(wanted) };
  const implementation = ALL_FOCAL_IMPLEMENTATIONS.find((candidate) => candidate.framework === framework && candidate.model === (model ?? 'sigmoid'))!;
  return { kind: 'insert', implementation };
}
