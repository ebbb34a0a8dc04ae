import { isOp, NAME, tokenText, type PythonTokens } from './pythonScanner';

/*
 * `criterion = nn.CrossEntropyLoss().cuda(args.gpu)`, `self.loss = FocalLoss(gamma=2).to(self.device)`,
 * `model = Net().to(device).eval()`: nn.Module methods that return the module itself, so the name is
 * bound to the module as if the chain were absent. Shared by recognition (a loss bound through the
 * chain) and the lint's data flow (a model bound through it).
 */

/**
 * nn.Module methods that return the module itself, checked in torch 1.13.0 torch/nn/modules/module.py
 * (Debian python3-torch): `to`, `cuda`, `cpu`, `type`, `float`, `double`, `half`, `bfloat16`, `ipu`,
 * `xpu` and `share_memory` end in `return self._apply(...)` (and `_apply` in `return self`); `train`
 * and `requires_grad_` in `return self`, `eval` in `return self.train(False)`. Left out: `to_empty`
 * (returns self, but its parameters and buffers are new uninitialised storage: a loss's class weights
 * are no longer the values written) and `apply` (returns self after running an arbitrary function on
 * every submodule).
 */
export const MODULE_SELF_METHODS: ReadonlySet<string> = new Set(['to', 'cuda', 'cpu', 'type', 'float', 'double', 'half', 'bfloat16', 'ipu', 'xpu', 'share_memory', 'train', 'eval', 'requires_grad_']);

/**
 * The end of the receiver of trailing `.method(...)` calls of MODULE_SELF_METHODS on the expression
 * [from, to): for `nn.BCELoss(w).cuda().float()` the end of `nn.BCELoss(w)`. `to` when the
 * expression does not end in such a call. The receiver is at least one token long.
 */
export function moduleSelfReceiverEnd(tokens: PythonTokens, from: number, to: number): number {
  let end = to;
  while (end - from >= 5 && isOp(tokens, end - 1, ')')) {
    const open = tokens.match[end - 1]!;
    if (open < 0 || open - 3 < from || tokens.kind[open - 1] !== NAME || !isOp(tokens, open - 2, '.') || !MODULE_SELF_METHODS.has(tokenText(tokens, open - 1))) break;
    end = open - 2;
  }
  return end;
}
