# Segmentation losses from segmentation_models_pytorch and kornia.
import kornia
import segmentation_models_pytorch as smp

binary_loss = smp.losses.FocalLoss(mode="binary", alpha=0.25, gamma=2.0)


def multiclass_loss(logits, labels):
    return kornia.losses.focal_loss(logits, labels, alpha=0.5, gamma=2.0, reduction="mean")
