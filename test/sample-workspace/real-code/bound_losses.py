# Losses bound through .cuda() / .to(device), passed to a trainer's constructor, returned by a method;
# a focal loss written as a method; a focal class that reduces its cross-entropy before the focal factor.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Trainer:
    def __init__(self, model, criterion, optimizer):
        self.model = model
        self.criterion = criterion
        self.optimizer = optimizer

    def step(self, images, labels):
        loss = self.criterion(self.model(images), labels)
        loss.backward()
        self.optimizer.step()


class Handler:
    def get_criterion(self):
        return nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))

    def train(self, model, loader):
        criterion = self.get_criterion()
        for x, y in loader:
            criterion(model(x), y).backward()


class BatchFocalLoss(nn.Module):
    def __init__(self, alpha=1.0, gamma=2.0):
        super().__init__()
        self.alpha = alpha
        self.gamma = gamma

    def forward(self, inputs, targets):
        ce = F.cross_entropy(inputs, targets)
        return self.alpha * (1 - torch.exp(-ce)) ** self.gamma * ce


class SetCriterion(nn.Module):
    def sigmoid_focal_loss(self, inputs, targets, alpha=0.25, gamma=2):
        prob = inputs.sigmoid()
        ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
        p_t = prob * targets + (1 - prob) * (1 - targets)
        loss = ce_loss * ((1 - p_t) ** gamma)
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        return (alpha_t * loss).mean()

    def loss_labels(self, logits, targets):
        return self.sigmoid_focal_loss(logits, targets, alpha=0.5, gamma=1.0)


def main(args, model, loader, optimizer):
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1).cuda(args.gpu)
    trainer = Trainer(model, criterion, optimizer)
    focal = BatchFocalLoss(alpha=0.5, gamma=2)
    for images, labels in loader:
        trainer.step(images, labels)
        focal(model(images), labels)
