# fvcore's focal loss with its own defaults: alpha -1 (no weighting), gamma 2, reduction "none".
from fvcore.nn import sigmoid_focal_loss


def objectness_loss(logits, targets):
    return sigmoid_focal_loss(logits, targets).sum() / max(1, targets.sum().item())
