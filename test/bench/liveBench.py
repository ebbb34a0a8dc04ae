# The batches of `npm run bench -- live`: the program stops on the marked line with both in scope.
import torch

torch.manual_seed(0)
anchors = 1_000_000
cls_logits = torch.randn(anchors) * 2 - 4
gt_targets = (torch.rand(anchors) < 0.01).float()
logits = torch.randn(100_000, 80)
labels = torch.randint(0, 80, (100_000,))
stop_here = True  # the bench's breakpoint
