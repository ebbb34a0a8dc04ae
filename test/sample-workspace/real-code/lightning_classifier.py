# A Lightning module for multi-label tagging: the focal loss's alpha and gamma are hyperparameters.
import torch
import lightning.pytorch as pl
from torchvision.ops import sigmoid_focal_loss


class TaggingModule(pl.LightningModule):
    def __init__(self, model, learning_rate=1e-3, focal_gamma: float = 2, focal_alpha: float = 0.25):
        super().__init__()
        self.model = model
        self.learning_rate = learning_rate
        self.focal_gamma = focal_gamma
        self.focal_alpha = focal_alpha
        self.val_loss = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))

    def training_step(self, batch, batch_idx):
        inputs, targets = batch
        logits = self.model(inputs)
        loss = sigmoid_focal_loss(logits, targets.float(), alpha=self.focal_alpha, gamma=self.focal_gamma, reduction="mean")
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        inputs, targets = batch
        loss = self.val_loss(self.model(inputs), targets.float())
        self.log("val_loss", loss)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.learning_rate)
