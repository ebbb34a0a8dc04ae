/**
 * Which activation, if any, produces the value of a prediction expression as written at a loss call: the
 * outermost call, after the shape-only methods and indexing that keep a probability a probability
 * (`F.softmax(x, dim=1).view(-1, C)`, `torch.sigmoid(out)[:, 0]`, `nn.Softmax(dim=1)(x)`,
 * `logits.softmax(-1)`). A softmax somewhere inside another expression says nothing about the value:
 * thuml/Transfer-Learning-Library's MDD passes `shift_log(1. - F.softmax(y_adv, dim=1))` to nll_loss, a log
 * of probabilities, which a search for `softmax(` in the text took for a softmax output.
 */
export type OutermostActivation = 'softmax' | 'sigmoid';

/** Methods that change a tensor's shape, type or device but not what its values are. */
const SHAPE_ONLY = new Set(['view', 'reshape', 'squeeze', 'unsqueeze', 'flatten', 'permute', 'transpose', 'contiguous', 'float', 'double', 'half', 'to', 'cuda', 'cpu', 'view_as', 'reshape_as', 'expand', 'expand_as']);

const ACTIVATION_CALLEE = /^(?:(?:torch\.nn\.functional|nn\.functional|torch|F|tf\.nn|tf\.math|tf|keras\.activations|K|jax\.nn)\.)?(softmax|sigmoid)$|^(?:(?:torch\.)?nn\.)?(Softmax|Sigmoid)\([^()]*\)$/;

export function outermostActivation(prediction: string): OutermostActivation | undefined {
  let text = prediction.trim();
  for (let guard = 0; guard < 32 && text.length > 0; guard++) {
    const last = text[text.length - 1];
    if (last !== ')' && last !== ']') return undefined;
    const open = matchingOpen(text, text.length - 1);
    if (open <= 0) return undefined;
    const head = text.slice(0, open).trimEnd();
    if (last === ']') {
      text = head;
      continue;
    }
    const method = /\.\s*([A-Za-z_]\w*)$/.exec(head);
    if (method && SHAPE_ONLY.has(method[1]!)) {
      text = head.slice(0, method.index).trimEnd();
      continue;
    }
    // `x.softmax(dim=1)` / `out.sigmoid()`: the method is the outermost call whatever its receiver is.
    // (Only on a receiver that is one primary expression: in `1 - torch.sigmoid(x)` the subtraction is outermost.)
    const receiver = method ? head.slice(0, method.index).trim() : '';
    if (method && (method[1] === 'softmax' || method[1] === 'sigmoid') && isPrimary(receiver)) return method[1];
    const callee = ACTIVATION_CALLEE.exec(head.replace(/\s+/g, ''));
    if (!callee) return undefined;
    return (callee[1] ?? callee[2]!.toLowerCase()) as OutermostActivation;
  }
  return undefined;
}

/** Whether `text` is one primary expression: names, dots, and bracketed groups, nothing between them at depth 0. */
function isPrimary(text: string): boolean {
  if (!/^[A-Za-z_]/.test(text)) return false;
  let depth = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && !/[\w.]/.test(c)) return false;
  }
  return depth === 0;
}

/** The index of the bracket that opens the one closing at `close`, or -1 (strings are not expected here). */
function matchingOpen(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
