// The printed Python, run: each framework's primitives are stood in for by NumPy functions with the
// same documented meaning (and, for logsumexp, the frameworks' own max + log(sum(exp)) algorithm),
// so a test can call the inserted function and compare it with the core. This checks the printer
// (precedence, argument order, keyword names, shapes). Needs python3 with NumPy; the suites skip
// without them.
import { spawnSync } from 'node:child_process';

const PYTHON_SHIMS = String.raw`
import json, sys, types
import numpy as np

def log_sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, -np.log1p(np.exp(-np.abs(x))), x - np.log1p(np.exp(-np.abs(x))))

def bce(x, y):
    return np.maximum(x, 0) - x * y + np.log1p(np.exp(-np.abs(x)))

def logsumexp(x, axis):
    # As torch.logsumexp, tf.reduce_logsumexp and jax.nn.logsumexp compute it.
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    return np.log(np.sum(np.exp(x - m), axis=axis)) + np.squeeze(m, axis=axis)

class Tensor(np.ndarray):
    device = 'cpu'
    def to(self, dtype): return self
    def long(self): return np.asarray(self, dtype=np.int64).view(Tensor)
    def unsqueeze(self, dim): return np.expand_dims(np.asarray(self), dim).view(Tensor)
    def squeeze(self, dim): return np.squeeze(np.asarray(self), dim).view(Tensor)
    def gather(self, dim, index):
        return np.take_along_axis(np.asarray(self), np.asarray(index), axis=dim).view(Tensor)
    def scatter(self, dim, index, value):
        out = np.array(self)
        np.put_along_axis(out, np.asarray(index), value, axis=dim)
        return out.view(Tensor)

def tf_gather(params, indices, batch_dims=0):
    params, indices = np.asarray(params), np.asarray(indices)
    if batch_dims == 0:
        return params[indices]
    assert batch_dims == 1 and params.ndim == 2 and indices.ndim == 1
    return np.take_along_axis(params, indices[:, None], axis=1)[:, 0]

def tf_one_hot(indices, depth, on_value, off_value):
    return np.where(np.asarray(indices)[..., None] == np.arange(int(depth)), on_value, off_value)

ns = types.SimpleNamespace
torch = ns(Tensor=np.ndarray, log=np.log, log1p=np.log1p, exp=np.exp, logaddexp=np.logaddexp,
           logsumexp=lambda x, dim: logsumexp(x, dim),
           as_tensor=lambda data, dtype, device: np.asarray(data, dtype=dtype).view(Tensor))
F = ns(binary_cross_entropy_with_logits=lambda x, y, reduction: bce(x, y), logsigmoid=log_sigmoid)
tf = ns(Tensor=np.ndarray, cast=lambda t, d: np.asarray(t, dtype=d),
        convert_to_tensor=lambda t, dtype_hint: np.asarray(t) if isinstance(t, np.ndarray) else np.asarray(t, dtype=dtype_hint),
        constant=lambda value, dtype: np.asarray(value, dtype=dtype), shape=lambda t: np.array(np.shape(t)),
        where=np.where, gather=tf_gather, one_hot=tf_one_hot,
        nn=ns(sigmoid_cross_entropy_with_logits=lambda labels, logits: bce(logits, labels)),
        math=ns(log=np.log, log1p=np.log1p, exp=np.exp, log_sigmoid=log_sigmoid),
        reduce_logsumexp=lambda x, axis: logsumexp(x, axis), stack=np.stack, reduce_mean=np.mean, reduce_sum=np.sum)
jnp = ns(asarray=lambda t, dtype: np.asarray(t, dtype=dtype), log=np.log, log1p=np.log1p, exp=np.exp,
         logaddexp=np.logaddexp, mean=np.mean, sum=np.sum, take_along_axis=np.take_along_axis,
         where=np.where, inf=np.inf)
jax = ns(Array=np.ndarray, numpy=jnp,
         nn=ns(log_sigmoid=log_sigmoid, logsumexp=lambda x, axis: logsumexp(x, axis),
               one_hot=lambda x, n, dtype: (np.asarray(x)[..., None] == np.arange(n)).astype(dtype)))
optax = ns(sigmoid_binary_cross_entropy=bce)
sys.modules.update({'torch': torch, 'torch.nn': ns(functional=F), 'torch.nn.functional': F, 'tensorflow': tf,
                    'jax': jax, 'jax.numpy': jnp, 'optax': optax})
torch.nn = ns(functional=F)

def define(code, name):
    scope = {}
    exec(code, scope)
    return scope[name]

request = json.load(sys.stdin)
`;

export function pythonWithNumpy(): boolean {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  return probe.status === 0;
}

/**
 * Runs `driver` after the shims with `request` as the JSON-decoded `request`; the driver prints
 * one JSON answer, which is returned.
 */
export function runWithShims(driver: string, request: unknown): unknown {
  const run = spawnSync('python3', ['-c', PYTHON_SHIMS + driver], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Whether Python parses `code`; the parser's complaint if not. */
export function pythonParseError(code: string): string | null {
  const run = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
  return run.status === 0 ? null : run.stderr;
}
