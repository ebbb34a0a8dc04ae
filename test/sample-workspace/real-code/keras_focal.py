# Keras binary focal cross-entropy with class balancing, on sigmoid outputs.
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile(
    optimizer="adam",
    loss=tf.keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2.0),
    metrics=["accuracy"],
)
