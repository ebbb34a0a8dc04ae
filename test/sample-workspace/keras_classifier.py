"""Keras binary classifier for a rare class, trained with focal cross-entropy."""
import keras

model = keras.Sequential([
    keras.layers.Input(shape=(64,)),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(1),  # a logit: from_logits=True below
])

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=keras.losses.BinaryFocalCrossentropy(
        apply_class_balancing=True, alpha=0.25, gamma=2.0, from_logits=True
    ),
    metrics=[keras.metrics.AUC(from_logits=True)],
)
