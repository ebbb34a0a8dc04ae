# A detectron2-style RetinaNet loss: alpha and gamma from the config, the sum normalised by the
# number of foreground anchors (an EMA of it, as detectron2 keeps).
import torch
from fvcore.nn import sigmoid_focal_loss_jit
from detectron2.config import configurable


class RetinaNetLosses:
    @configurable
    def __init__(self, *, num_classes, focal_loss_alpha=0.25, focal_loss_gamma=2.0):
        self.num_classes = num_classes
        self.focal_loss_alpha = focal_loss_alpha
        self.focal_loss_gamma = focal_loss_gamma
        self.loss_normalizer = 100.0

    def losses(self, pred_logits, gt_labels, valid_mask, num_pos_anchors):
        self.loss_normalizer = 0.9 * self.loss_normalizer + 0.1 * max(num_pos_anchors, 1)
        gt_labels_target = torch.nn.functional.one_hot(gt_labels[valid_mask], num_classes=self.num_classes + 1)[:, :-1]
        loss_cls = sigmoid_focal_loss_jit(
            pred_logits[valid_mask],
            gt_labels_target.to(pred_logits.dtype),
            alpha=self.focal_loss_alpha,
            gamma=self.focal_loss_gamma,
            reduction="sum",
        )
        return {"loss_cls": loss_cls / self.loss_normalizer}
