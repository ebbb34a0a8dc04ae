# Hand-written focal losses, as many repositories carry their own.
import torch
import torch.nn as nn
import torch.nn.functional as F


class BinaryFocalLoss(nn.Module):
    """alpha scales every element alike: no balancing of positives against negatives."""

    def __init__(self, alpha=1.0, gamma=2.0):
        super().__init__()
        self.alpha = alpha
        self.gamma = gamma

    def forward(self, inputs, targets):
        bce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
        pt = torch.exp(-bce)
        loss = self.alpha * (1 - pt) ** self.gamma * bce
        return loss.mean()


class SoftmaxFocalLoss(nn.Module):
    def __init__(self, gamma=2.0):
        super().__init__()
        self.gamma = gamma

    def forward(self, logits, target):
        log_pt = F.log_softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)
        return (-(1 - log_pt.exp()) ** self.gamma * log_pt).mean()


criterion = BinaryFocalLoss(alpha=0.25, gamma=2)
classifier_loss = SoftmaxFocalLoss(gamma=1.5)
