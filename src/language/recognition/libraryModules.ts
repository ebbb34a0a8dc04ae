/*
 * Top-level packages that are libraries, never files of the workspace: an import of one is not looked
 * for among the user's files (the editor's imported files, the CLI's) nor read as the user's model.
 */
const LIBRARY_ROOTS = new Set([
  'torch', 'torchvision', 'numpy', 'np', 'tensorflow', 'tf', 'keras', 'jax', 'jnp', 'optax', 'flax', 'kornia', 'monai', 'mmdet', 'mmcv', 'mmengine', 'mmseg', 'mmyolo', 'mmrotate', 'detectron2', 'fvcore',
  'segmentation_models_pytorch', 'ultralytics', 'transformers', 'paddle', 'ppdet', 'timm', 'lightning', 'pytorch_lightning', 'sklearn', 'scipy', 'pandas', 'matplotlib', 'tqdm', 'wandb', 'PIL', 'cv2',
  'os', 'sys', 're', 'math', 'json', 'time', 'typing', 'collections', 'functools', 'itertools', 'pathlib', 'argparse', 'logging', 'random', 'copy', 'dataclasses', 'abc', 'warnings', '__future__',
]);

/** Whether the absolute module name (`torchvision.models`) is a library's; a relative one (`.models`) never is. */
export function isLibraryModule(name: string): boolean {
  return !name.startsWith('.') && LIBRARY_ROOTS.has(name.split('.')[0]!);
}
