"""A digit classifier's training step, for trying Loss Lens's lint.

The loss in train_step has a classic mistake: Loss Lens underlines it.
Put the cursor on the underlined argument and press Ctrl+. for the quick fix.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 256), nn.ReLU())
        self.head = nn.Linear(256, num_classes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(images))


def train_step(model: Classifier, optimizer, images, target) -> float:
    optimizer.zero_grad()
    logits = model(images)
    loss = F.cross_entropy(F.softmax(logits, dim=1), target)
    loss.backward()
    optimizer.step()
    return loss.item()
