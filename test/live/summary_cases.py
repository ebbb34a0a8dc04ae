# Runs Loss Lens's debuggee snippet (src/live/batchSummary.py) on batches made here and prints, as one
# JSON document, each case's inputs (small ones in full), its summary, and PyTorch's float64 reference
# for the same loss. test/unit/live/batchSummary.test.ts checks the summaries against PyTorch and
# against Loss Lens's numeric core. Run with Debian's python3 (python3-torch, python3-numpy).
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F
import torchvision

here = sys.argv[1]
namespace = {'__name__': '__loss_lens__'}
exec(open(here).read(), namespace)
summarize = namespace['summarize']

cases = []


def torch_error(call):
    """PyTorch's own error for a call, or None when it computes: what the dtype checks must agree with."""
    try:
        call()
        return None
    except RuntimeError as error:
        return str(error)


def case(name, pred, target, spec, reference=None, keep=True, live=None, refs=None, raises=None):
    before = pred.clone() if isinstance(pred, torch.Tensor) else None
    summary = json.loads(summarize(pred, target, json.dumps(spec), live, refs))
    unchanged = True
    if before is not None:
        unchanged = bool(((before == pred) | (before.isnan() & pred.isnan())).all()) and before.dtype == pred.dtype
    entry = {'name': name, 'spec': spec, 'summary': summary, 'reference': reference, 'unchanged': unchanged}
    if raises is not None:
        entry['raises'] = torch_error(raises)
    if keep:
        to_list = lambda v: v.detach().double().tolist() if isinstance(v, torch.Tensor) else np.asarray(v, dtype=np.float64).tolist()
        entry['pred'] = to_list(pred)
        entry['target'] = to_list(target)
    cases.append(entry)


g = torch.Generator().manual_seed(7)
BASE = {'easy': 0.9, 'sample': 0, 'maxElements': 30000000, 'posWeight': None, 'labelSmoothing': 0, 'weight': None, 'ignoreIndex': None}

# RetinaNet-style: 2,000 anchors, 1% positives, torchvision sigmoid_focal_loss normalised by positives.
logits = torch.randn(2000, generator=g, dtype=torch.float64) * 3 - 4
targets = (torch.rand(2000, generator=g, dtype=torch.float64) < 0.01).double()
targets[0] = 1.0
ref = torchvision.ops.sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction='sum').item()
case('binary focal (torchvision)', logits.float().requires_grad_(), targets, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2.0, 'reduction': 'sum'},
     {'sum': torchvision.ops.sigmoid_focal_loss(logits.float().double(), targets, alpha=0.25, gamma=2.0, reduction='sum').item(),
      'ce': F.binary_cross_entropy_with_logits(logits.float().double(), targets, reduction='sum').item()})

# BCEWithLogitsLoss(pos_weight=3.0), mean.
x = torch.randn(64, 5, generator=g, dtype=torch.float64) * 2
y = (torch.rand(64, 5, generator=g, dtype=torch.float64) < 0.3).double()
case('BCEWithLogits pos_weight', x, y, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'posWeight': 3.0, 'reduction': 'mean'},
     {'value': F.binary_cross_entropy_with_logits(x, y, pos_weight=torch.tensor(3.0, dtype=torch.float64)).item()})

# pos_weight read live from a tensor the program holds.
case('BCEWithLogits live pos_weight', x, y, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'},
     {'sum': F.binary_cross_entropy_with_logits(x, y, pos_weight=torch.tensor([2.5], dtype=torch.float64), reduction='sum').item()}, live={'posWeight': torch.tensor([2.5])})

# BCELoss on probabilities (sigmoid outputs), with a few exact 0 and 1 (PyTorch clamps log at -100).
p = torch.sigmoid(torch.randn(300, generator=g, dtype=torch.float64) * 4)
p[:3] = torch.tensor([0.0, 1.0, 0.5], dtype=torch.float64)
t = (torch.rand(300, generator=g, dtype=torch.float64) < 0.5).double()
case('BCELoss probabilities', p, t, {**BASE, 'model': 'sigmoid', 'inputs': 'probabilities', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'},
     {'sum': F.binary_cross_entropy(p, t, reduction='sum').item()})

# Softmax CE with class weights, label smoothing and ignore_index, reduction mean (F.cross_entropy).
z = torch.randn(200, 6, generator=g, dtype=torch.float64) * 2
c = torch.randint(0, 6, (200,), generator=g)
c[:5] = -100
w = torch.tensor([0.2, 1.0, 1.5, 0.7, 2.0, 1.1], dtype=torch.float64)
case('softmax CE weight smoothing ignore', z, c, {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'weight': w.tolist(), 'labelSmoothing': 0.1, 'ignoreIndex': -100, 'reduction': 'mean'},
     {'value': F.cross_entropy(z, c, weight=w, label_smoothing=0.1, ignore_index=-100).item()})

# Softmax CE over a segmentation map (N, C, H, W) with sum.
seg = torch.randn(2, 4, 5, 3, generator=g, dtype=torch.float64)
lab = torch.randint(0, 4, (2, 5, 3), generator=g)
case('softmax CE segmentation', seg, lab, {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': -100, 'reduction': 'sum'},
     {'sum': F.cross_entropy(seg, lab, reduction='sum').item()})

# Softmax focal loss, kornia's form: alpha [1 - a, a, ...], mean over samples.
zf = torch.randn(150, 4, generator=g, dtype=torch.float64) * 2
cf = torch.randint(0, 4, (150,), generator=g)
logp = F.log_softmax(zf, dim=1).gather(1, cf[:, None]).squeeze(1)
alpha_c = torch.tensor([0.75, 0.25, 0.25, 0.25], dtype=torch.float64)[cf]
kornia_like = (-alpha_c * (1 - logp.exp()) ** 2 * logp).mean().item()
case('softmax focal kornia', zf, cf, {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'alphaOn': 'foreground', 'gamma': 2.0, 'reduction': 'mean'}, {'value': kornia_like})

# The same batch as numpy arrays and as lists: the same numbers.
case('numpy inputs', logits.numpy(), targets.numpy(), {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2.0, 'reduction': 'sum'}, {'sum': ref}, keep=False)
case('list inputs', logits[:50].tolist(), targets[:50].tolist(), {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2.0, 'reduction': 'sum'},
     {'sum': torchvision.ops.sigmoid_focal_loss(logits[:50], targets[:50], reduction='sum').item()})

# bfloat16 logits are upcast on a copy; the original keeps its dtype.
case('bfloat16', logits[:100].to(torch.bfloat16), targets[:100], {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'},
     {'sum': F.binary_cross_entropy_with_logits(logits[:100].to(torch.bfloat16).double(), targets[:100], reduction='sum').item()}, keep=False)

# The mistakes the checks name.
probs = torch.sigmoid(torch.randn(100, generator=g))
case('sigmoid into logits loss', probs, (torch.rand(100, generator=g) < 0.2).float(), {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2.0, 'reduction': 'sum'}, keep=False)
case('softmax into CE', torch.softmax(torch.randn(40, 5, generator=g), dim=1), torch.randint(0, 5, (40,), generator=g), {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': -100, 'reduction': 'mean'}, keep=False)
case('no positives', torch.randn(100, generator=g), torch.zeros(100), {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2.0, 'reduction': 'sum'}, keep=False)
case('soft targets', torch.randn(50, generator=g), torch.rand(50, generator=g), {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'}, keep=False)
case('class out of range', torch.randn(10, 3, generator=g), torch.tensor([0, 1, 2, 3, 0, 1, 2, 0, 1, 2]), {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': -100, 'reduction': 'mean'}, keep=False)
nan = torch.randn(10, generator=g)
nan[3] = float('nan')
case('nan input', nan, torch.ones(10), {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'}, keep=False)

# Refusals: a dict of outputs, a generator, a shape mismatch, too many elements.
case('dict', {'logits': logits}, targets, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'}, keep=False)
case('generator', (v for v in [1.0, 2.0]), targets, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'}, keep=False)
case('shape mismatch', torch.randn(10, 3), torch.randn(7), {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'mean', 'ignoreIndex': -100}, keep=False)
case('too large', torch.zeros(2001), torch.zeros(2001), {**BASE, 'maxElements': 2000, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'sum'}, keep=False)

# Dtypes PyTorch refuses (live/torchDtype.ts), each run through the PyTorch call it stands for: class
# indices passed as logits, and int64 / bool labels given to a binary cross-entropy; and the same
# shapes in the dtypes PyTorch takes, which compute.
ints = torch.randint(0, 3, (64,), generator=g)
labels01 = torch.randint(0, 2, (64,), generator=g)
scores = torch.randn(64, generator=g)
SIGMOID_CE = {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'mean'}
SOFTMAX_CE = {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': -100, 'reduction': 'mean'}
case('dtype: int64 logits into sigmoid_focal_loss', ints, labels01.float(), {**SIGMOID_CE, 'kind': 'focal', 'alpha': 0.25, 'gamma': 2.0},
     keep=False, raises=lambda: torchvision.ops.sigmoid_focal_loss(ints, labels01.float(), reduction='mean'))
case('dtype: int64 labels into BCEWithLogits', scores, labels01, SIGMOID_CE, keep=False, raises=lambda: F.binary_cross_entropy_with_logits(scores, labels01))
case('dtype: int64 labels into BCELoss', torch.sigmoid(scores), labels01, {**SIGMOID_CE, 'inputs': 'probabilities'}, keep=False,
     raises=lambda: torch.nn.BCELoss()(torch.sigmoid(scores), labels01))
case('dtype: bool labels into BCEWithLogits', scores, labels01.bool(), SIGMOID_CE, keep=False, raises=lambda: F.binary_cross_entropy_with_logits(scores, labels01.bool()))
class_ints = torch.randint(0, 4, (16, 4), generator=g)
classes = torch.randint(0, 4, (16,), generator=g)
case('dtype: int64 scores into cross_entropy', class_ints, classes, SOFTMAX_CE, keep=False, raises=lambda: F.cross_entropy(class_ints, classes))
case('dtype: float labels into BCEWithLogits', scores, labels01.float(), SIGMOID_CE, keep=False, raises=lambda: F.binary_cross_entropy_with_logits(scores, labels01.float()))
case('dtype: int64 classes into cross_entropy', class_ints.float(), classes, SOFTMAX_CE, keep=False, raises=lambda: F.cross_entropy(class_ints.float(), classes))

# Arguments with steps on the way in (live/argumentChain.ts): the snippet applies them with numpy.
seq = torch.randn(4, 7, 6, generator=g, dtype=torch.float32)
seq_labels = torch.randint(0, 6, (4, 7), generator=g)
case('steps view', seq, seq_labels, {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': -100, 'reduction': 'mean',
                                     'steps': {'pred': [['view', -1, {'ref': 'r0'}]], 'target': [['view', -1]]}},
     {'value': F.cross_entropy(seq.double().view(-1, 6), seq_labels.view(-1)).item()}, keep=False, refs={'r0': 6})
raw = torch.randn(50, generator=g, dtype=torch.float64) * 2
bin_labels = (torch.rand(50, generator=g) < 0.3).long()
case('steps sigmoid float unsqueeze', raw.unsqueeze(1), bin_labels, {**BASE, 'model': 'sigmoid', 'inputs': 'probabilities', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'mean',
                                     'steps': {'pred': [['sigmoid']], 'target': [['cast', 'float32'], ['unsqueeze', 1]]}},
     {'value': F.binary_cross_entropy(torch.sigmoid(raw.unsqueeze(1)), bin_labels.float().unsqueeze(1).double()).item()}, keep=False)
case('steps log_softmax', seq.double().permute(0, 2, 1), seq_labels, {**BASE, 'model': 'softmax', 'inputs': 'log-probabilities', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': -100, 'reduction': 'sum',
                                     'steps': {'pred': [['log_softmax', 1]], 'target': []}},
     {'sum': F.nll_loss(F.log_softmax(seq.double().permute(0, 2, 1), dim=1), seq_labels, reduction='sum').item()}, keep=False)
case('steps bad reshape', seq, seq_labels, {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': -100, 'reduction': 'mean',
                                     'steps': {'pred': [['view', -1, 5]], 'target': []}}, keep=False)

# Multi-label BCEWithLogitsLoss with a pos_weight per class and an element weight (a mask), read live.
ml = torch.randn(32, 5, generator=g, dtype=torch.float64) * 2
ml_y = (torch.rand(32, 5, generator=g, dtype=torch.float64) < 0.2).double()
ml_pw = torch.tensor([1.0, 2.0, 5.0, 0.5, 3.0], dtype=torch.float64)
ml_mask = (torch.rand(32, 1, generator=g) < 0.8).double()
case('BCEWithLogits pos_weight per class, element weight', ml, ml_y, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'mean'},
     {'value': F.binary_cross_entropy_with_logits(ml, ml_y, pos_weight=ml_pw, weight=ml_mask).item()}, keep=False, live={'posWeight': ml_pw, 'elementWeight': ml_mask})
case('pos_weight does not broadcast', ml, ml_y, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'mean', 'posWeight': [1.0, 2.0, 3.0]}, keep=False)

# The Explorer's batch view ('view': the sample's budget), with PyTorch's references for what it sums.
def fl_sum(x, y, gamma):
    ce = F.binary_cross_entropy_with_logits(x, y, reduction='none')
    p_t = torch.exp(-ce)
    return ((1 - p_t) ** gamma * ce).sum().item()


vx = torch.randn(3000, generator=g, dtype=torch.float64) * 3 - 3
vy = (torch.rand(3000, generator=g, dtype=torch.float64) < 0.05).double()
case('view binary', vx, vy, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 1.5, 'reduction': 'sum', 'view': 100000},
     {'flPositives': {str(gm): fl_sum(vx[vy == 1], vy[vy == 1], gm) for gm in (0.0, 0.5, 1.0, 2.0, 1.5)},
      'flNegatives': {str(gm): fl_sum(vx[vy == 0], vy[vy == 0], gm) for gm in (0.0, 0.5, 1.0, 2.0, 1.5)},
      'smoothed': F.binary_cross_entropy_with_logits(vx, vy * 0.9 + 0.05, pos_weight=torch.tensor(2.0, dtype=torch.float64), reduction='sum').item()})
# A sampled view: more elements than the budget; every positive is kept, the negatives are sampled.
case('view sampled', vx, vy, {**BASE, 'model': 'sigmoid', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'reduction': 'mean', 'view': 1000}, keep=False)
# Softmax over a segmentation map with ignore_index: the hardest samples' indices are the target's.
vseg = torch.randn(2, 5, 6, 4, generator=g, dtype=torch.float64) * 2
vlab = torch.randint(0, 5, (2, 6, 4), generator=g)
vlab[0, 0, :2] = 255
vlogp = F.log_softmax(vseg, dim=1)
case('view softmax segmentation', vseg, vlab, {**BASE, 'model': 'softmax', 'inputs': 'logits', 'kind': 'ce', 'alpha': None, 'gamma': 0, 'ignoreIndex': 255, 'reduction': 'mean', 'weight': [0.5, 1.0, 2.0, 1.0, 0.7], 'view': 100000},
     {'value': F.cross_entropy(vseg, vlab, ignore_index=255, weight=torch.tensor([0.5, 1.0, 2.0, 1.0, 0.7], dtype=torch.float64)).item(),
      'smoothedOther': F.cross_entropy(vseg, vlab, ignore_index=255, label_smoothing=0.2, weight=torch.tensor([1.0, 3.0, 1.0, 1.0, 0.5], dtype=torch.float64)).item(),
      'logPt': {','.join(str(v) for v in idx): vlogp[idx[0], vlab[tuple(idx)], idx[1], idx[2]].item() for idx in [[0, 1, 1], [1, 5, 3], [0, 3, 0]]}})

print(json.dumps(cases))
