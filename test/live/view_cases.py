# Runs Loss Lens's debuggee snippet (src/live/batchSummary.py) with the Explorer's batch view asked
# for, on batches made here, and prints one JSON document: each case's spec and summary (with its
# view) and PyTorch's float64 references for the same batch at parameters other than the call's.
# test/unit/core/batchViewMath.test.ts checks the view's math (src/core/batchViewMath.ts) against
# them. Run with Debian's python3 (python3-torch, python3-torchvision, python3-numpy).
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F
import torchvision

namespace = {'__name__': '__loss_lens__'}
exec(open(sys.argv[1]).read(), namespace)
summarize = namespace['summarize']

BASE = {'easy': 0.9, 'sample': 0, 'maxElements': 30000000, 'posWeight': None, 'labelSmoothing': 0, 'weight': None, 'ignoreIndex': None}
FRACTIONS = [k / 100 for k in range(91)] + [(900 + k) / 1000 for k in range(1, 101)]


def binary_loss(x, y, alpha=None, gamma=0.0, smoothing=0.0, pos_weight=1.0):
    """alpha_t (1 - p_t)^gamma CE with Keras's label smoothing and BCEWithLogitsLoss's pos_weight, per element, float64."""
    ys = y * (1 - smoothing) + smoothing / 2
    ce = F.binary_cross_entropy_with_logits(x, ys, pos_weight=torch.tensor(pos_weight, dtype=torch.float64), reduction='none')
    p = torch.sigmoid(x)
    one_minus_pt = (1 - p) * ys + p * (1 - ys)
    at = 1.0 if alpha is None else alpha * ys + (1 - alpha) * (1 - ys)
    return at * one_minus_pt ** gamma * ce


def cumulative(losses):
    ascending = np.sort(losses.numpy())
    cs = np.cumsum(ascending)
    k = np.ceil(np.asarray(FRACTIONS) * ascending.size).astype(np.int64)
    return [0.0 if i == 0 else float(cs[i - 1] / cs[-1]) for i in k]


def top_shares(losses):
    v = np.sort(losses.numpy())[::-1]
    return [float(v[:max(1, int(np.ceil(f * v.size)))].sum() / v.sum()) for f in (0.01, 0.2)]


def binary_case(name, n, view, seed):
    g = torch.Generator().manual_seed(seed)
    x = (torch.randn(n, generator=g, dtype=torch.float64) * 2.5 - 4).float()
    y = (torch.rand(n, generator=g, dtype=torch.float64) < 0.01).float()
    spec = {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2, 'reduction': 'sum', 'view': view}
    summary = json.loads(summarize(x, y, json.dumps(spec)))
    xd, yd = x.double(), y.double()
    refs = []
    for params in (
        {'alpha': 0.5, 'gamma': 1.0, 'labelSmoothing': 0.0, 'posWeight': None},
        {'alpha': 0.25, 'gamma': 1.5, 'labelSmoothing': 0.0, 'posWeight': None},
        {'alpha': 0.5, 'gamma': 0.0, 'labelSmoothing': 0.1, 'posWeight': 3.0},
        {'alpha': None, 'gamma': 0.0, 'labelSmoothing': 0.0, 'posWeight': None},
        {'alpha': 0.25, 'gamma': 2.0, 'labelSmoothing': 0.1, 'posWeight': None},
        {'alpha': 0.75, 'gamma': 3.0, 'labelSmoothing': 0.0, 'posWeight': 2.0},
    ):
        losses = binary_loss(xd, yd, params['alpha'], params['gamma'], params['labelSmoothing'], params['posWeight'] or 1.0)
        negatives = yd < 0.5
        fl_plain = binary_loss(xd, yd, None, params['gamma'])
        pt_plain = torch.where(negatives, 1 - torch.sigmoid(xd), torch.sigmoid(xd))
        refs.append({
            'params': params,
            'sum': losses.sum().item(),
            'positives': losses[~negatives].sum().item(),
            'easyShare': (losses[negatives & (pt_plain > 0.9)].sum() / losses.sum()).item(),
            'hardest': top_shares(losses),
            'curves': {'positives': cumulative(fl_plain[~negatives]), 'negatives': cumulative(fl_plain[negatives])},
        })
    # torchvision's own function at gamma 1, alpha 0.5 (not only the formula above).
    torchvision_sum = torchvision.ops.sigmoid_focal_loss(xd, yd, alpha=0.5, gamma=1.0, reduction='sum').item()
    return {'name': name, 'spec': spec, 'summary': summary, 'references': refs, 'torchvision': torchvision_sum}


def softmax_case():
    g = torch.Generator().manual_seed(11)
    n, classes = 5000, 10
    labels = torch.randint(0, classes, (n,), generator=g)
    logits = (torch.randn(n, classes, generator=g, dtype=torch.float64) * 2).float()
    logits[torch.arange(n), labels] += 1.5
    weight = [0.5, 1, 2, 1, 0.8, 1.2, 1, 3, 0.9, 1.1]
    spec = {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'alphaOn': 'foreground', 'gamma': 0, 'labelSmoothing': 0.1, 'weight': weight, 'ignoreIndex': -100, 'reduction': 'mean', 'view': 100000}
    summary = json.loads(summarize(logits, labels, json.dumps(spec)))
    xd = logits.double()
    refs = []
    for w, e in (([1.0] * classes, 0.05), ([2.0, 1, 1, 1, 1, 1, 1, 1, 1, 0.5], 0.2), (weight, 0.0), (None, 0.0)):
        wt = None if w is None else torch.tensor(w, dtype=torch.float64)
        refs.append({'params': {'gamma': 0.0, 'labelSmoothing': e, 'weight': w},
                     'mean': F.cross_entropy(xd, labels, weight=wt, label_smoothing=e).item(),
                     'sum': F.cross_entropy(xd, labels, weight=wt, label_smoothing=e, reduction='sum').item()})
    log_pt = F.log_softmax(xd, dim=1)[torch.arange(n), labels]
    for gamma, w in ((1.5, weight), (2.0, None)):
        wt = torch.ones(classes, dtype=torch.float64) if w is None else torch.tensor(w, dtype=torch.float64)
        fl = wt[labels] * (1 - log_pt.exp()) ** gamma * -log_pt
        refs.append({'params': {'gamma': gamma, 'labelSmoothing': 0.0, 'weight': w}, 'sum': fl.sum().item(), 'mean': fl.mean().item(), 'curve': cumulative((1 - log_pt.exp()) ** gamma * -log_pt), 'hardest': top_shares(fl)})
    return {'name': 'softmax CE weights smoothing', 'spec': spec, 'summary': summary, 'references': refs}


def soft_case():
    # Soft targets (label-smoothed or IoU-like): no group sums apply, every number comes from the sample (here the batch).
    g = torch.Generator().manual_seed(13)
    n = 3000
    x = (torch.randn(n, generator=g, dtype=torch.float64) * 3 - 2).float()
    y = torch.rand(n, generator=g, dtype=torch.float64).float()
    y[: n // 2] = (y[: n // 2] > 0.9).float()
    spec = {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2, 'reduction': 'mean', 'view': 100000}
    summary = json.loads(summarize(x, y, json.dumps(spec)))
    xd, yd = x.double(), y.double()
    refs = []
    for params in ({'alpha': 0.25, 'gamma': 2.0, 'labelSmoothing': 0.0, 'posWeight': None}, {'alpha': 0.6, 'gamma': 1.3, 'labelSmoothing': 0.1, 'posWeight': 2.0}, {'alpha': None, 'gamma': 0.0, 'labelSmoothing': 0.0, 'posWeight': None}):
        losses = binary_loss(xd, yd, params['alpha'], params['gamma'], params['labelSmoothing'], params['posWeight'] or 1.0)
        refs.append({'params': params, 'sum': losses.sum().item(), 'mean': losses.mean().item(), 'hardest': top_shares(losses)})
    return {'name': 'binary soft targets', 'spec': spec, 'summary': summary, 'references': refs}


print(json.dumps([binary_case('binary whole', 20000, 100000, 5), binary_case('binary sampled', 1000000, 100000, 6), softmax_case(), soft_case()]))
