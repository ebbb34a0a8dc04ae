# Imbalanced classification with PyTorch's weighted losses.
import torch
import torch.nn as nn

class_weights = torch.tensor([0.2, 1.0, 3.5])
criterion = nn.CrossEntropyLoss(weight=class_weights, label_smoothing=0.1)
defect_loss = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([10.0]))


def step(model, images, labels, defects):
    logits, defect_logits = model(images)
    return criterion(logits, labels) + defect_loss(defect_logits, defects)
