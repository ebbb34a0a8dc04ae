# Loss Lens: the batch summary, run inside a paused Python debuggee.
#
# This file is shipped as text and evaluated by the extension through the debug adapter (see
# src/live/request.ts): it defines one function, `summarize`, in a fresh namespace and the extension
# calls it with the values of the loss call's arguments. It reads only: it copies tensors to the CPU
# in float64 without touching the originals, imports nothing the program has not imported (the
# tensor libraries are taken from sys.modules), never calls the user's loss or model, and returns one
# JSON string: exact sums and counts, and a bounded sample.
#
# The per-element losses use the same stable forms as Loss Lens's numeric core (src/core/kernels.ts,
# src/core/softmaxKernel.ts): softplus for the log-probabilities of logits, log-sum-exp for the
# softmax, PyTorch's conventions for weights, label smoothing, ignore_index and the 'mean' divisor.


def summarize(pred, target, spec_json, live=None, refs=None):
    import sys
    json = sys.modules.get('json') or __import__('json')
    try:
        spec = json.loads(spec_json)
        for name, value in (live or {}).items():
            # An element weight is a tensor like the input: copied with the inputs, not as a list.
            spec[name] = value if name == 'elementWeight' else _plain(value)
        return json.dumps(_summarize(sys, pred, target, spec, refs or {}), allow_nan=False)
    except _Refusal as refusal:
        return json.dumps({'ok': False, 'error': refusal.code, 'detail': refusal.detail})
    except Exception as error:  # a summary never raises into the user's session
        return json.dumps({'ok': False, 'error': 'failed', 'detail': '%s: %s' % (type(error).__name__, str(error)[:300])})


def _plain(value):
    """A parameter read from the program (a number, None, a list or a small tensor) as JSON data."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if hasattr(value, 'tolist'):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        flat = [_plain(v) for v in value]
        return flat[0] if len(flat) == 1 and not isinstance(flat[0], list) else flat
    raise _Refusal('parameter', type(value).__name__)


class _Refusal(Exception):
    def __init__(self, code, detail=''):
        Exception.__init__(self, code)
        self.code = code
        self.detail = detail


def _describe(value):
    shape = getattr(value, 'shape', None)
    dtype = getattr(value, 'dtype', None)
    device = getattr(value, 'device', None)
    out = {'type': type(value).__module__.split('.')[0] + '.' + type(value).__name__}
    if shape is not None:
        try:
            out['shape'] = [int(d) for d in shape]
        except Exception:
            pass
    if dtype is not None:
        out['dtype'] = str(dtype).replace('torch.', '')
    if device is not None:
        out['device'] = str(device)
    return out


def _to_numpy(sys, np, value, what, limit):
    """A float64 numpy copy of a tensor, array or nested list; refusals say why not."""
    if value is None:
        raise _Refusal('none', what)
    if isinstance(value, dict) or (hasattr(value, 'keys') and hasattr(value, 'values') and not hasattr(value, 'shape')):
        raise _Refusal('mapping', what)
    if hasattr(value, '__next__') and not hasattr(value, 'shape'):
        raise _Refusal('iterator', what)
    size = getattr(value, 'numel', None)
    count = None
    try:
        count = int(size()) if callable(size) else int(getattr(value, 'size', None)) if isinstance(getattr(value, 'size', None), int) else None
    except Exception:
        count = None
    if count is not None and count > limit:
        raise _Refusal('too-large', '%s: %d elements' % (what, count))
    torch = sys.modules.get('torch')
    if torch is not None and isinstance(value, torch.Tensor):
        t = value.detach()
        if t.is_complex():
            raise _Refusal('dtype', '%s: %s' % (what, t.dtype))
        try:
            t = t.to('cpu')
        except Exception as error:
            raise _Refusal('device', '%s: %s' % (what, str(error)[:200]))
        if t.dtype in (torch.bfloat16,):
            # bfloat16 has no numpy type: upcast on a copy, never on the original.
            return t.to(torch.float64).numpy()
        # numpy's float64 copy is several times faster than torch's .to(float64) (it is a copy either way).
        return t.numpy().astype(np.float64)
    tf = sys.modules.get('tensorflow')
    if tf is not None and hasattr(value, 'numpy') and type(value).__module__.startswith('tensorflow'):
        value = value.numpy()
    try:
        array = np.asarray(value)
    except Exception as error:
        raise _Refusal('unreadable', '%s: %s' % (what, str(error)[:200]))
    if array.dtype == object or array.dtype.kind not in 'biuf':
        raise _Refusal('dtype', '%s: %s' % (what, array.dtype))
    if array.size > limit:
        raise _Refusal('too-large', '%s: %d elements' % (what, array.size))
    return array.astype(np.float64)


_CAST_DTYPES = {'float32': 'float32', 'half': 'float16', 'int': 'int64', 'bool': 'bool'}


def _apply_steps(np, x, steps, refs, description):
    """The argument's own steps (`.view(-1, C)`, `.float()`, `torch.sigmoid(...)`) applied to the float64
    copy with numpy, as the program applies them to the tensor (src/live/argumentChain.ts lists them)."""
    for step in steps:
        name = step[0]
        args = [refs[a['ref']] if isinstance(a, dict) else a for a in step[1:]]
        try:
            if name in ('view', 'reshape'):
                x = x.reshape(tuple(int(a) for a in args))
            elif name == 'reshape_as':
                x = x.reshape(tuple(int(d) for d in args[0].shape))
            elif name == 'flatten':
                start = int(args[0]) if args else 0
                end = int(args[1]) if len(args) > 1 else -1
                if x.ndim == 0:
                    x = x.reshape(1)
                else:
                    start, end = start % x.ndim, end % x.ndim
                    x = x.reshape(x.shape[:start] + (-1,) + x.shape[end + 1:])
            elif name == 'squeeze':
                if args:
                    d = int(args[0])
                    x = np.squeeze(x, d) if x.shape[d] == 1 else x
                else:
                    x = np.squeeze(x)
            elif name == 'unsqueeze':
                x = np.expand_dims(x, int(args[0]))
            elif name == 'permute':
                x = np.transpose(x, tuple(int(a) for a in args))
            elif name == 'transpose':
                x = np.swapaxes(x, int(args[0]), int(args[1]))
            elif name == 'cast':
                kind = args[0]
                if kind == 'float32':
                    x = x.astype(np.float32).astype(np.float64)
                elif kind == 'half':
                    x = x.astype(np.float16).astype(np.float64)
                elif kind == 'int':
                    x = np.trunc(x)
                elif kind == 'bool':
                    x = (x != 0).astype(np.float64)
                else:
                    raise _Refusal('step', str(kind))
                description['dtype'] = _CAST_DTYPES.get(kind, description.get('dtype'))
            elif name == 'sigmoid':
                x = _sigmoid_parts(np, x)[0]
            elif name in ('softmax', 'log_softmax'):
                d = int(args[0])
                shifted = x - x.max(axis=d, keepdims=True)
                log_z = np.log(np.exp(shifted).sum(axis=d, keepdims=True))
                x = shifted - log_z if name == 'log_softmax' else np.exp(shifted - log_z)
            else:
                raise _Refusal('step', str(name))
        except _Refusal:
            raise
        except Exception as error:
            raise _Refusal('step', '.%s(): %s' % (name, str(error)[:200]))
    if steps:
        description['shape'] = [int(d) for d in x.shape]
    return x


def _share(np, values, mask, total):
    return float(np.sum(values, where=mask) / total) if total > 0 else None


def _top_shares(np, values, fractions, total):
    """The shares of `total` carried by the largest `fractions` of `values`, with one partition."""
    n = values.size
    if n == 0 or total <= 0:
        return [None for _ in fractions]
    ks = [max(1, int(np.ceil(f * n))) for f in fractions]
    part = np.partition(values, sorted(set(n - k for k in ks)))
    return [float(part[n - k:].sum() / total) for k in ks]


def _power(np, base, gamma):
    # The common gammas without np.power, which is several times slower than a product.
    if gamma == 2:
        return base * base
    if gamma == 1:
        return base
    if gamma == 0:
        return np.ones_like(base)
    return np.power(base, gamma)


def _histograms(np, values, second, bins):
    """Histograms of `values` where `second` is False and where it is True, in one pass."""
    index = np.minimum((values * bins).astype(np.int64), bins - 1) + second * bins
    counts = np.bincount(index, minlength=2 * bins)
    return [int(c) for c in counts[:bins]], [int(c) for c in counts[bins:]]


def _sigmoid_parts(np, x):
    """p, 1 - p, log p and log(1 - p) of logits, each exact (no 1 - p cancels), from one exp and one log1p."""
    small = np.exp(-np.abs(x))
    softplus_neg = np.log1p(small)  # softplus(-|x|)
    log_q = -(np.maximum(x, 0.0) + softplus_neg)  # -softplus(x)
    log_p = -(np.maximum(-x, 0.0) + softplus_neg)  # -softplus(-x), with no cancellation for large x
    big = 1.0 / (1.0 + small)
    small *= big
    nonneg = x >= 0
    return np.where(nonneg, big, small), np.where(nonneg, small, big), log_p, log_q


def _histogram(np, values, bins):
    index = np.minimum((values * bins).astype(np.int64), bins - 1)
    return [int(c) for c in np.bincount(index, minlength=bins)]


def _sample(np, columns, count):
    n = columns[0].size
    if count <= 0 or n == 0:
        return {'size': 0, 'of': int(n), 'rows': []}
    if n > count:
        # A uniform sample without replacement, the same for the same batch (fixed seed).
        index = np.sort(np.random.default_rng(0).choice(n, size=count, replace=False))
        columns = [c[index] for c in columns]
    return {'size': int(columns[0].size), 'of': int(n), 'rows': [[float(x) for x in row] for row in zip(*columns)]}


def _summarize(sys, pred, target, spec, refs):
    np = sys.modules.get('numpy')
    if np is None:
        raise _Refusal('no-numpy')
    limit = int(spec.get('maxElements', 30000000))
    inputs = {'pred': _describe(pred), 'target': _describe(target)}
    x = _to_numpy(sys, np, pred, 'pred', limit)
    y = _to_numpy(sys, np, target, 'target', limit)
    steps = spec.get('steps') or {}
    x = _apply_steps(np, x, steps.get('pred') or [], refs, inputs['pred'])
    y = _apply_steps(np, y, steps.get('target') or [], refs, inputs['target'])
    model = spec.get('model') or 'auto'
    if model == 'auto':
        model = 'sigmoid' if x.shape == y.shape else 'softmax'
    if model == 'sigmoid':
        result = _binary(np, x, y, spec)
    else:
        result = _softmax(np, x, y, spec)
    result['inputs'] = inputs
    result['ok'] = True
    if spec.get('view'):
        # The parameters as used, those read from the program included: the view's controls start there.
        result['params'] = {k: spec.get(k) for k in ('alpha', 'gamma', 'posWeight', 'labelSmoothing', 'weight', 'ignoreIndex')}
    return result


def _is_one(pw):
    return isinstance(pw, float) and pw == 1.0


def _binary_weights(np, spec, shape):
    """pos_weight (a number, or one per class broadcast over the last dimension as PyTorch does) and an
    element weight broadcast to the input, each flattened like it; refusals when they do not fit."""
    pos_weight = spec.get('posWeight')
    if pos_weight is None:
        pw = 1.0
    elif isinstance(pos_weight, (int, float)):
        pw = float(pos_weight)
    else:
        try:
            pw = np.broadcast_to(np.asarray(pos_weight, dtype=np.float64), shape).reshape(-1)
        except Exception:
            raise _Refusal('weight-shape', 'pos_weight %s, input %s' % (list(np.shape(pos_weight)), list(shape)))
    weight = spec.get('elementWeight')
    element_weight = None
    if weight is not None:
        import sys
        w = _to_numpy(sys, np, weight, 'weight', int(spec.get('maxElements', 30000000)))
        try:
            element_weight = np.broadcast_to(w, shape).reshape(-1)
        except Exception:
            raise _Refusal('weight-shape', 'weight %s, input %s' % (list(w.shape), list(shape)))
    if spec.get('view') and (not isinstance(pw, float) or element_weight is not None):
        raise _Refusal('view-weights')
    return pw, element_weight


def _ranges(np, checks, x, y):
    """(min, max) of x and of y when every value is finite (NaN and infinities show in min and max, so
    a finite batch costs two reductions each); otherwise None, with the counts of bad values."""
    ranges = (float(x.min()), float(x.max()), float(y.min()), float(y.max())) if x.size and y.size else (0.0, 0.0, 0.0, 0.0)
    if all(np.isfinite(v) for v in ranges):
        return ranges
    bad_x = int(np.count_nonzero(~np.isfinite(x)))
    bad_y = int(np.count_nonzero(~np.isfinite(y)))
    if bad_x or bad_y:
        checks.append({'id': 'not-finite', 'pred': bad_x, 'target': bad_y})
    return None


def _binary(np, x, y, spec):
    checks = []
    if x.shape != y.shape:
        raise _Refusal('shape', 'pred %s, target %s' % (list(x.shape), list(y.shape)))
    shape = x.shape
    pw, element_weight = _binary_weights(np, spec, shape)
    x = x.reshape(-1)
    y = y.reshape(-1)
    n = x.size
    if n == 0:
        raise _Refusal('empty')
    ranges = _ranges(np, checks, x, y)
    if ranges is None:
        return {'model': 'sigmoid', 'n': int(n), 'checks': checks}
    inputs = spec.get('inputs') or 'logits'
    x_min, x_max, y_min, y_max = ranges
    in_unit = x_min >= 0 and x_max <= 1
    if inputs == 'logits' and in_unit and n >= 16 and x_max - x_min > 0:
        checks.append({'id': 'probabilities-into-logits', 'min': float(x.min()), 'max': float(x.max())})
    if inputs == 'probabilities' and not in_unit:
        checks.append({'id': 'logits-into-probabilities', 'min': float(x.min()), 'max': float(x.max())})
        raise _Refusal('probabilities-range', 'min %r, max %r' % (float(x.min()), float(x.max())))
    if y_min < 0 or y_max > 1:
        checks.append({'id': 'targets-outside-unit', 'min': y_min, 'max': y_max})
        raise _Refusal('targets-range', 'min %r, max %r' % (y_min, y_max))
    soft = int(np.count_nonzero((y > 0) & (y < 1)))
    if soft:
        checks.append({'id': 'soft-targets', 'count': soft})
    e = float(spec.get('labelSmoothing') or 0.0)
    if inputs == 'logits':
        p, q, log_p, log_q = _sigmoid_parts(np, x)
    else:
        p = x
        # PyTorch's BCELoss clamps each log at -100.
        with np.errstate(divide='ignore'):
            log_p = np.maximum(np.log(p), -100.0)
            log_q = np.maximum(np.log1p(-p), -100.0)
        q = 1 - p
    alpha = spec.get('alpha')
    gamma = float(spec.get('gamma') or 0.0)
    kind = spec.get('kind') or 'ce'
    positive = y >= 0.5
    positives = int(np.count_nonzero(positive))
    negatives = int(n - positives)
    # Hard targets pick one side per element (np.where, one pass); soft or smoothed ones blend both.
    hard = soft == 0
    plain_ce = -np.where(positive, log_p, log_q) if hard else -(y * log_p + (1 - y) * log_q)
    # p_t and 1 - p_t of the plain targets; 1 - p_t from q = 1 - p computed on its own, exact where
    # p_t is near 1 (as the core's kernel).
    pt_plain = np.where(positive, p, q) if hard else p * y + q * (1 - y)
    omp_plain = np.where(positive, q, p) if hard else q * y + p * (1 - y)
    if e == 0 and hard:
        ce = plain_ce if _is_one(pw) else np.where(positive, pw * plain_ce, plain_ce)
        one_minus_pt = omp_plain
        ys = None
    else:
        ys = y * (1 - e) + e / 2 if e > 0 else y
        ce = -(pw * ys * log_p + (1 - ys) * log_q)
        one_minus_pt = q * ys + p * (1 - ys)
    if alpha is None or kind == 'ce':
        weight = 1.0
    elif spec.get('alphaEvery'):
        weight = float(alpha)
    elif ys is None:
        weight = np.where(positive, float(alpha), 1 - float(alpha))
    else:
        weight = alpha * ys + (1 - alpha) * (1 - ys)
    if kind == 'focal':
        modulating = _power(np, one_minus_pt, gamma) if gamma != 0 else 1.0
        loss = weight * modulating * ce
    else:
        loss = weight * ce if not isinstance(weight, float) or weight != 1.0 else ce
    if element_weight is not None:
        loss = loss * element_weight
    loss_sum = float(loss.sum())
    reduction = spec.get('reduction')
    value = loss_sum / n if reduction == 'mean' else loss_sum if reduction == 'sum' else None
    # The seed's argument: how much of CE the easy negatives carry, and how focal loss changes that.
    easy_at = float(spec.get('easy', 0.9))
    fl_gamma = gamma if kind == 'focal' else 2.0
    fl_alpha = (alpha if alpha is not None else None) if kind == 'focal' else 0.25
    if kind == 'focal' and _is_one(pw) and element_weight is None and e == 0 and not spec.get('alphaEvery'):
        fl = loss  # the call's own focal loss is the one the argument is about
    else:
        if fl_alpha is None:
            fl_weight = 1.0
        elif spec.get('alphaEvery') and kind == 'focal':
            fl_weight = fl_alpha
        else:
            fl_weight = np.where(positive, fl_alpha, 1 - fl_alpha) if hard else fl_alpha * y + (1 - fl_alpha) * (1 - y)
        fl = fl_weight * _power(np, omp_plain, fl_gamma) * plain_ce
    negative = ~positive
    easy_negative = negative & (pt_plain > easy_at)
    ce_total = float(plain_ce.sum())
    fl_total = float(fl.sum())
    if positives == 0:
        checks.append({'id': 'no-positives'})
    mean_p = float(p.mean())
    fraction = positives / n
    result = {
        'model': 'sigmoid',
        'n': int(n),
        'positives': positives,
        'negatives': negatives,
        'soft': soft,
        'loss': {'sum': loss_sum, 'mean': loss_sum / n, 'perPositive': (loss_sum / positives) if positives else None, 'value': value, 'reduction': reduction},
        'ce': {'sum': ce_total, 'mean': ce_total / n},
        'easy': {
            'threshold': easy_at,
            'count': int(np.count_nonzero(easy_negative)),
            'ceShare': _share(np, plain_ce, easy_negative, ce_total),
            'flShare': _share(np, fl, easy_negative, fl_total),
            'flGamma': fl_gamma,
            'flAlpha': fl_alpha,
            'negativeCeShare': _share(np, plain_ce, negative, ce_total),
        },
        'hardest': dict(zip(('p1', 'p20'), _top_shares(np, fl, (0.01, 0.2), fl_total))),
        'prior': {'meanProbability': mean_p, 'positiveFraction': fraction},
        'histogram': dict(zip(('bins', 'positives', 'negatives'), (20,) + _histograms(np, pt_plain, negative, 20))),
        'sample': _sample(np, [x, y], int(spec.get('sample', 0))),
        'checks': checks,
    }
    if spec.get('view'):
        result['view'] = _binary_view(np, x, y, p, q, log_p, log_q, pt_plain, plain_ce, negative, soft > 0, shape, spec)
    return result


def _softmax(np, x, y, spec):
    checks = []
    if x.ndim < 2:
        raise _Refusal('shape', 'pred %s, target %s' % (list(x.shape), list(y.shape)))
    classes = x.shape[1]
    soft_targets = y.shape == x.shape
    if not soft_targets and tuple(y.shape) != tuple(x.shape[:1]) + tuple(x.shape[2:]):
        raise _Refusal('shape', 'pred %s, target %s' % (list(x.shape), list(y.shape)))
    # The class dimension last, one row per sample (N x C, or N*d1*... x C).
    rows = np.moveaxis(x, 1, -1).reshape(-1, classes)
    t = np.moveaxis(y, 1, -1).reshape(-1, classes) if soft_targets else y.reshape(-1)
    n = rows.shape[0]
    if n == 0:
        raise _Refusal('empty')
    ranges = _ranges(np, checks, rows, t)
    if ranges is None:
        return {'model': 'softmax', 'n': int(n), 'classes': int(classes), 'checks': checks}
    inputs = spec.get('inputs') or 'logits'
    low, high = ranges[0], ranges[1]
    if inputs == 'logits':
        if low >= 0 and high <= 1 and classes > 1 and bool(np.allclose(rows.sum(axis=1), 1.0, atol=1e-4)):
            checks.append({'id': 'softmax-into-logits'})
        elif high <= 0 and bool(np.allclose(np.logaddexp.reduce(rows, axis=1), 0.0, atol=1e-4)):
            checks.append({'id': 'log-probabilities-into-ce'})
    probabilities = None
    if inputs == 'log-probabilities':
        log_p = rows
    elif inputs == 'probabilities':
        with np.errstate(divide='ignore'):
            probabilities = rows / rows.sum(axis=1, keepdims=True)
            log_p = np.log(probabilities)
    else:
        # Each row's log-sum-exp from one exp pass over one scratch array. The full log-softmax (one
        # more N x C array) is made only where every class is needed: soft targets, the view.
        m = rows.max(axis=1)
        exps = rows - m[:, None]
        np.exp(exps, out=exps)
        z = exps.sum(axis=1)
        lse = m + np.log(z)
        log_p = None
    weight = spec.get('weight')
    w = np.ones(classes) if weight is None else np.asarray(weight, dtype=np.float64)
    if w.size != classes:
        raise _Refusal('weight-length', '%d weights, %d classes' % (w.size, classes))
    alpha = spec.get('alpha')
    if alpha is not None and spec.get('kind') == 'focal':
        # kornia: [1 - alpha, alpha, ..., alpha] (class 0 the background); Keras: alpha for every class.
        spread = np.full(classes, float(alpha))
        if spec.get('alphaOn') != 'every':
            spread[0] = 1 - float(alpha)
        w = w * spread
    ignore = spec.get('ignoreIndex')
    if soft_targets:
        keep = np.ones(n, dtype=bool)
        target_class = t.argmax(axis=1)
        per_class_in = np.bincount(target_class, minlength=classes)
    else:
        if not bool((t == np.round(t)).all()):
            raise _Refusal('targets-not-integer')
        ti = t.astype(np.int64)
        keep = ti != (ignore if ignore is not None else -10 ** 9)
        out_of_range = keep & ((ti < 0) | (ti >= classes))
        if out_of_range.any():
            bad = ti[out_of_range]
            checks.append({'id': 'class-out-of-range', 'count': int(out_of_range.sum()), 'min': int(bad.min()), 'max': int(bad.max()), 'classes': int(classes)})
            raise _Refusal('class-range', '%d targets outside [0, %d)' % (int(out_of_range.sum()), classes))
        target_class = np.where(keep, ti, 0)
        per_class_in = np.bincount(target_class[keep], minlength=classes)
    kept = int(keep.sum())
    e = float(spec.get('labelSmoothing') or 0.0)
    kind = spec.get('kind') or 'ce'
    gamma = float(spec.get('gamma') or 0.0)
    index = np.arange(n)
    if log_p is None and (soft_targets or spec.get('view')):
        log_p = rows - lse[:, None]
    # PyTorch's label smoothing: the mean over classes of -w_c log p_c (computed only when used);
    # sum_c w_c log p_c = sum_c w_c x_c - lse sum_c w_c, without the log-softmax.
    if e <= 0:
        smooth = None
    elif log_p is None:
        smooth = -(rows @ w - lse * w.sum()) / classes
    else:
        smooth = -(log_p @ w) / classes
    if soft_targets:
        nll = -((t * log_p) @ w)
        sample_w = np.ones(n)
        log_pt = (t * log_p).sum(axis=1)
    else:
        log_pt = log_p[index, target_class] if log_p is not None else rows[index, target_class] - lse
        sample_w = w[target_class]
        nll = -log_pt * sample_w
    pt = np.exp(log_pt)
    plain_ce = -log_pt
    if kind == 'focal':
        if e > 0:
            raise _Refusal('focal-smoothing')
        modulating = _power(np, np.maximum(1 - pt, 0.0), gamma)
        loss = modulating * nll
    else:
        loss = (1 - e) * nll + e * smooth if e > 0 else nll
    loss = np.where(keep, loss, 0.0)
    plain_ce = np.where(keep, plain_ce, 0.0)
    loss_sum = float(loss.sum())
    divisor = float(sample_w[keep].sum()) if kind != 'focal' else float(kept)
    reduction = spec.get('reduction')
    value = (loss_sum / divisor if divisor > 0 else None) if reduction == 'mean' else loss_sum if reduction == 'sum' else None
    easy_at = float(spec.get('easy', 0.9))
    fl_gamma = gamma if kind == 'focal' else 2.0
    fl = np.where(keep, _power(np, np.maximum(1 - pt, 0.0), fl_gamma) * plain_ce, 0.0)
    easy = keep & (pt > easy_at)
    ce_total = float(plain_ce.sum())
    fl_total = float(fl.sum())
    if probabilities is not None:
        mean_probability = (probabilities[keep] if kept < n else probabilities).mean(axis=0).max() if kept else None
    elif log_p is not None and log_p is rows:
        mean_probability = np.exp(rows[keep] if kept < n else rows).mean(axis=0).max() if kept else None
    else:
        # The mean softmax over kept rows, sum_i exps_i / z_i, as one product with the scratch array.
        mean_probability = ((keep / z) @ exps / kept).max() if kept else None
    shown = min(int(classes), 1000)
    per_class_loss = np.bincount(target_class[keep], weights=loss[keep], minlength=classes)
    result = {
        'model': 'softmax',
        'n': int(n),
        'classes': int(classes),
        'kept': kept,
        'ignored': int(n - kept),
        'softTargets': bool(soft_targets),
        'perClass': {'count': [int(c) for c in per_class_in[:shown]], 'loss': [float(v) for v in per_class_loss[:shown]], 'shown': shown},
        'loss': {'sum': loss_sum, 'mean': (loss_sum / divisor) if divisor > 0 else None, 'value': value, 'reduction': reduction, 'divisor': divisor},
        'ce': {'sum': ce_total, 'mean': ce_total / kept if kept else None},
        'easy': {'threshold': easy_at, 'count': int(easy.sum()), 'ceShare': _share(np, plain_ce, easy, ce_total), 'flShare': _share(np, fl, easy, fl_total), 'flGamma': fl_gamma, 'flAlpha': None},
        'hardest': dict(zip(('p1', 'p20'), _top_shares(np, fl[keep] if kept < n else fl, (0.01, 0.2), fl_total))),
        'prior': {'meanProbability': float(mean_probability) if mean_probability is not None else None, 'largestClassFraction': float(per_class_in.max() / kept) if kept else None},
        'histogram': {'bins': 20, 'all': _histogram(np, pt[keep], 20)},
        'sample': _sample(np, [pt[keep], target_class[keep].astype(np.float64)], int(spec.get('sample', 0))),
        'checks': checks,
    }
    if spec.get('view'):
        result['view'] = _softmax_view(np, log_p, log_pt, target_class, keep, w, shown, tuple(x.shape[:1]) + tuple(x.shape[2:]), spec)
    return result


# ---- The Explorer's batch view (spec 'view'): exact curves and sums, the hardest samples, and a sample.

# The paper's Figure 4 gammas; the call's own gamma is added when it is not one of them.
_VIEW_GAMMAS = (0.0, 0.5, 1.0, 2.0)
# Where the cumulative curves are read: every 1% to 90%, then every 0.1% (the steep end at gamma 2).
_VIEW_FRACTIONS = [k / 100 for k in range(91)] + [(900 + k) / 1000 for k in range(1, 101)]
_VIEW_BINS = 50
_VIEW_HARDEST = 25


def _view_gammas(spec):
    gammas = list(_VIEW_GAMMAS)
    own = float(spec.get('gamma') or 0.0)
    if spec.get('kind') == 'focal' and own not in gammas:
        gammas.append(own)
    return gammas


def _base64(np, values, dtype='<f8'):
    # numpy imports binascii (and json) itself, so this takes nothing new from the standard library.
    import sys
    binascii = sys.modules.get('binascii') or __import__('binascii')
    return binascii.b2a_base64(np.ascontiguousarray(values, dtype=dtype).tobytes(), newline=False).decode('ascii')


def _cumulative(np, losses_ascending, fractions):
    """The share of the total carried by the smallest f of the losses, for each f (Figure 4's y)."""
    n = losses_ascending.size
    total = float(losses_ascending.sum()) if n else 0.0
    if n == 0 or total <= 0:
        return None
    cs = np.cumsum(losses_ascending)
    k = np.ceil(np.asarray(fractions) * n).astype(np.int64)
    return [0.0 if i == 0 else float(cs[i - 1] / total) for i in k]


def _focal_terms(np, one_minus_pt, ce, gamma):
    return ce if gamma == 0 else _power(np, one_minus_pt, gamma) * ce


def _group_curves(np, one_minus_pt, ce, gammas, fractions, monotone):
    """Figure 4 for one group: per gamma, the cumulative share and the exact sum of FL without alpha."""
    curves, sums = [], []
    order = np.argsort(one_minus_pt, kind='stable') if monotone else None
    for gamma in gammas:
        terms = _focal_terms(np, one_minus_pt, ce, gamma)
        ascending = terms[order] if monotone else np.sort(terms)
        curves.append(_cumulative(np, ascending, fractions))
        sums.append(float(terms.sum()))
    return curves, sums


def _stratified(np, groups, budget):
    """Indices of a sample: every element when they fit, else each group uniformly (fixed seed), the
    rarer group kept whole up to half the budget, so a batch's few positives are all there."""
    total = sum(g.size for g in groups)
    if total <= budget:
        return [g for g in groups]
    rng = np.random.default_rng(0)
    out = []
    left = budget
    for i, g in enumerate(sorted(range(len(groups)), key=lambda j: groups[j].size)):
        members = groups[g]
        share = left if i == len(groups) - 1 else min(members.size, left // (len(groups) - i))
        pick = members if share >= members.size else np.sort(rng.choice(members, size=share, replace=False))
        out.append((g, pick))
        left -= pick.size
    return [pick for _, pick in sorted(out)]


def _index_of(np, flat, shape):
    return [int(i) for i in np.unravel_index(int(flat), shape)] if len(shape) else []


def _binary_view(np, x, y, p, q, log_p, log_q, pt, ce, negative, soft, shape, spec):
    budget = int(spec.get('view'))
    gammas = _view_gammas(spec)
    # 1 - p_t exactly (q for positives, p for negatives), as the summary's focal term.
    one_minus_pt = np.where(negative, p, q) if not soft else 1 - pt
    groups = {}
    members = {'positives': np.flatnonzero(~negative), 'negatives': np.flatnonzero(negative)}
    for name, index in members.items():
        omp = one_minus_pt[index]
        curves, sums = _group_curves(np, omp, ce[index], gammas, _VIEW_FRACTIONS, not soft)
        hardest = index[np.argsort(-omp, kind='stable')[:_VIEW_HARDEST]] if index.size else index
        groups[name] = {
            'count': int(index.size),
            'sumLogP': float(log_p[index].sum()),
            'sumLogQ': float(log_q[index].sum()),
            'flSums': sums,
            'curves': curves,
            'histogram': _histogram(np, pt[index], _VIEW_BINS),
            'hardest': [{'flat': int(i), 'index': _index_of(np, i, shape), 'x': float(x[i]), 'y': float(y[i]), 'pt': float(pt[i])} for i in hardest],
        }
    picks = _stratified(np, [members['positives'], members['negatives']], budget)
    sample_index = np.concatenate(picks) if picks else np.zeros(0, dtype=np.int64)
    return {
        'gammas': gammas,
        'fractions': _VIEW_FRACTIONS,
        'bins': _VIEW_BINS,
        'positives': groups['positives'],
        'negatives': groups['negatives'],
        'sample': {
            'size': int(sample_index.size),
            'of': int(x.size),
            # The positives first, then the negatives; y only for soft targets (hard ones follow from the group).
            'groups': {'positives': int(picks[0].size), 'negatives': int(picks[1].size)},
            'x': _base64(np, x[sample_index]),
            **({'y': _base64(np, y[sample_index])} if soft else {}),
        },
    }


def _softmax_view(np, log_p, log_pt, target_class, keep, w, shown, index_shape, spec):
    budget = int(spec.get('view'))
    gammas = _view_gammas(spec)
    kept = np.flatnonzero(keep)
    classes = log_p.shape[1]
    lpt = log_pt[kept]
    cls = target_class[kept]
    pt = np.exp(lpt)
    one_minus_pt = -np.expm1(lpt)
    ce = -lpt
    curves, sums = _group_curves(np, one_minus_pt, ce, gammas, _VIEW_FRACTIONS, True)
    # Per class: sums that make CE exact under any class weights and label smoothing, and FL at each gamma.
    per_class_fl = [[float(v) for v in np.bincount(cls, weights=_focal_terms(np, one_minus_pt, ce, g), minlength=classes)[:shown]] for g in gammas]
    log_sums = log_p[kept].sum(axis=0)
    hardest = kept[np.argsort(lpt, kind='stable')[:_VIEW_HARDEST * 2]]
    predicted = log_p[hardest].argmax(axis=1) if hardest.size else hardest
    picks = _stratified(np, [kept], budget)[0]
    rows = log_p[picks]
    return {
        'gammas': gammas,
        'fractions': _VIEW_FRACTIONS,
        'bins': _VIEW_BINS,
        'all': {
            'count': int(kept.size),
            'flSums': sums,
            'curves': curves,
            'histogram': _histogram(np, pt, _VIEW_BINS),
            'hardest': [{'flat': int(i), 'index': _index_of(np, i, index_shape), 'y': int(target_class[i]), 'pt': float(np.exp(log_pt[i])), 'predicted': int(k), 'pPredicted': float(np.exp(log_p[i, k]))} for i, k in zip(hardest, predicted)],
        },
        'perClass': {
            'shown': int(shown),
            'ceSum': [float(v) for v in np.bincount(cls, weights=ce, minlength=classes)[:shown]],
            'logSum': [float(v) for v in log_sums[:shown]],
            'flSums': per_class_fl,
        },
        'sample': {
            'size': int(picks.size),
            'of': int(kept.size),
            'logPt': _base64(np, log_pt[picks]),
            'classIndex': _base64(np, target_class[picks], '<i4'),
            # The label smoothing term's mean over classes of log p_c, plain and with the call's class weights.
            'meanLogP': _base64(np, rows.mean(axis=1)),
            **({'weightedMeanLogP': _base64(np, (rows @ w) / classes)} if bool((w != 1).any()) else {}),
        },
    }
