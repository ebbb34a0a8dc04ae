# MONAI segmentation losses for multi-label tumour regions (sigmoid per channel) and for
# mutually exclusive organ labels (softmax).
import torch.nn as nn
from monai.losses import DiceFocalLoss, FocalLoss


class RegionLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.focal = FocalLoss(gamma=2.0, to_onehot_y=False)

    def forward(self, logits, regions):
        return self.focal(logits, regions.float())


class OrganLoss(nn.Module):
    def __init__(self, include_background=False):
        super().__init__()
        self.loss_fn = DiceFocalLoss(include_background=include_background, softmax=True, to_onehot_y=False, batch=True, gamma=2.0)

    def forward(self, logits, one_hot_labels):
        return self.loss_fn(logits, one_hot_labels)
