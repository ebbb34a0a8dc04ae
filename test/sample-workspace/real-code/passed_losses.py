# Losses handed to a training loop as an argument, TensorFlow 2's tf.losses, and a skorch net's criterion.
import tensorflow as tf
import torch.nn as nn
from skorch import NeuralNetClassifier


def train(model, loader, criterion, optimizer):
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()


def main(model, train_loader, finetune_loader, optimizer):
    train(model, train_loader, nn.CrossEntropyLoss(label_smoothing=0.1), optimizer)
    train(model, finetune_loader, nn.CrossEntropyLoss(label_smoothing=0.1), optimizer)


keras_loss = tf.losses.SparseCategoricalCrossentropy(from_logits=True)
net = NeuralNetClassifier(MyModule, criterion=nn.CrossEntropyLoss, criterion__weight=class_weights, max_epochs=10)
