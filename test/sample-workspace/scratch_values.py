# Values pasted from a debug session: select the two lines, right-click,
# and choose "Loss Lens: Compute Loss for Selection".
preds = [0.98, 0.2, 0.6]
labels = [1, 0, 1]
