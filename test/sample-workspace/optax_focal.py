"""JAX / optax training step with sigmoid focal loss."""
import jax
import jax.numpy as jnp
import optax

GAMMA = 2.0


def loss_fn(params, apply_fn, batch):
    logits = apply_fn(params, batch["x"])
    losses = optax.sigmoid_focal_loss(logits, batch["y"], alpha=0.25, gamma=GAMMA)
    return jnp.mean(losses)


@jax.jit
def train_step(params, opt_state, batch, apply_fn, optimizer):
    loss, grads = jax.value_and_grad(loss_fn)(params, apply_fn, batch)
    updates, opt_state = optimizer.update(grads, opt_state, params)
    return optax.apply_updates(params, updates), opt_state, loss
