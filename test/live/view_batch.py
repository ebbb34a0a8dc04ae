# Prints the summary, with the Explorer's batch view, that Loss Lens's debuggee snippet
# (src/live/batchSummary.py) returns for a RetinaNet-style batch made here: N anchors, ~1% positives,
# torchvision sigmoid_focal_loss(alpha 0.25, gamma 2, reduction 'sum'), a view sample of at most V.
# The browser tests and the webview bench use it for a batch larger than its sample ("estimated").
# Usage: python3 view_batch.py batchSummary.py N V
import json
import sys

import torch

namespace = {'__name__': '__loss_lens__'}
exec(open(sys.argv[1]).read(), namespace)
n, view = int(sys.argv[2]), int(sys.argv[3])
g = torch.Generator().manual_seed(3)
x = (torch.randn(n, generator=g, dtype=torch.float64) * 2.5 - 4).float()
y = (torch.rand(n, generator=g, dtype=torch.float64) < 0.01).float()
spec = {'model': 'sigmoid', 'inputs': 'logits', 'kind': 'focal', 'alpha': 0.25, 'gamma': 2, 'posWeight': None, 'labelSmoothing': 0, 'weight': None,
        'ignoreIndex': None, 'reduction': 'sum', 'easy': 0.9, 'sample': 0, 'view': view, 'maxElements': 30000000}
print(json.dumps({'request': {'pred': 'cls_logits', 'target': 'gt_targets', 'spec': spec}, 'summary': json.loads(namespace['summarize'](x, y, json.dumps(spec)))}))
