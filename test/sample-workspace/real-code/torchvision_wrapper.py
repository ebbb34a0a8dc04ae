# A small class around torchvision's focal loss, called like a criterion.
from torchvision.ops import sigmoid_focal_loss


class FocalLoss:
    def __init__(self, alpha=0.25, gamma=2, reduction="mean"):
        self.alpha = alpha
        self.gamma = gamma
        self.reduction = reduction

    def __call__(self, logits, targets):
        return sigmoid_focal_loss(logits, targets, alpha=self.alpha, gamma=self.gamma, reduction=self.reduction)
