"""RetinaNet-style classification loss on anchors, trained with torchvision's sigmoid focal loss.

Sample code for trying Loss Lens: hover the loss calls, or select a number and run
"Loss Lens: Compute Loss...".
"""
import torch
import torch.nn as nn
from torchvision.ops import sigmoid_focal_loss

GAMMA = 2.0  # focusing parameter from the RetinaNet paper
ALPHA = 0.25  # weight of the foreground (positive) anchors
NUM_CLASSES = 80
PRIOR = 0.01  # initial foreground probability of every anchor


class ClassificationHead(nn.Module):
    def __init__(self, in_channels: int = 256, num_anchors: int = 9):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, num_anchors * NUM_CLASSES, kernel_size=3, padding=1)
        # Bias so that every anchor starts at p = PRIOR, as in the paper, so the many easy
        # negatives do not swamp the loss on the first iterations.
        nn.init.constant_(self.conv.bias, -torch.log(torch.tensor((1 - PRIOR) / PRIOR)).item())

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        logits = self.conv(features)
        n = logits.shape[0]
        return logits.permute(0, 2, 3, 1).reshape(n, -1, NUM_CLASSES)


def classification_loss(logits: torch.Tensor, targets: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
    """Sum over anchors, normalised by the number of anchors assigned to an object."""
    num_pos = (targets.sum(dim=-1) > 0).sum().clamp(min=1)
    loss = sigmoid_focal_loss(
        logits[valid], targets[valid], alpha=ALPHA, gamma=GAMMA, reduction="sum"
    )
    return loss / num_pos


def train_one_epoch(model, head, loader, optimizer, device="cuda"):
    model.train()
    for images, cls_targets, valid in loader:
        images, cls_targets, valid = images.to(device), cls_targets.to(device), valid.to(device)
        logits = head(model(images))
        loss = classification_loss(logits, cls_targets, valid)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    # One batch on the CPU, for trying live values: set a breakpoint on the `loss = sigmoid_focal_loss(`
    # line above (F9), start "Loss Lens sample: RetinaNet step" (F5), and hover sigmoid_focal_loss.
    torch.manual_seed(0)
    head = ClassificationHead()
    features = torch.randn(2, 256, 8, 8)
    with torch.no_grad():
        logits = head(features)  # 2 images x 576 anchors x 80 classes
    targets = (torch.rand_like(logits) < 0.002).float()  # few positives, as for real anchors
    valid = torch.ones(logits.shape[:2], dtype=torch.bool)
    print(classification_loss(logits, targets, valid).item())
