import { msg } from '../../../core';
import { p } from './helpers';
import type { CatalogEntry, ParamSpec } from './types';

/*
 * Keras's backend cross-entropies, `K.binary_crossentropy(...)` with `from keras import backend as K`
 * (qqwweee/keras-yolo3 yolo3/model.py and its many forks), and Keras 3's keras.ops ones. Checked in
 * keras-team/keras: keras/backend/tensorflow_backend.py at 2.1.5 (2fae461) and 2.3.1 (f295e8e),
 * keras/backend.py at v2.15.0 (601488f), keras/src/ops/nn.py at 3422977. Every version since 2.0.7
 * takes (target, output, from_logits=False) (categorical and sparse also axis=-1 from 2.2); Keras up to
 * 2.0.6 (2.0.0 f78d417) and 1.x (1.2.2 4fa7e5d) took (output, target, from_logits=False), and so did
 * TF 1.2's tf.contrib.keras. Which positional argument is the prediction cannot be told from a file
 * that imports `keras.backend` (the Keras version is not in it), so the backend entries name no
 * prediction parameter; from_logits is third in every version. keras.ops (Keras 3 only) is
 * (target, output). The results are not reduced: one value per element (binary) or per sample.
 */

const LOGITS_FLAG = { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' } as const;
const BACKENDS = ['keras.backend', 'tensorflow.keras.backend', 'tf_keras.backend', 'keras.src.backend', 'tensorflow.python.keras.backend', 'keras.backend.tensorflow_backend', 'tensorflow.compat.v1.keras.backend', 'tensorflow.compat.v2.keras.backend'];
const OPS = ['keras.ops', 'keras.ops.nn', 'keras.src.ops.nn'];

function family(api: string, paths: string[], ops: boolean): CatalogEntry[] {
  const at = (name: string) => paths.map((m) => `${m}.${name}`);
  const prediction = ops ? { predictionParam: 'output' } : {};
  const base = (name: string, params: ParamSpec[]) => ({ api: `${api}.${name}`, library: 'keras', kind: 'ce' as const, paths: at(name), params, gamma: 0, inputs: LOGITS_FLAG, extras: [], ...prediction });
  return [
    { ...base('binary_crossentropy', [p('target'), p('output'), p('from_logits', false)]), reduction: { fixed: 'none (element-wise)' } },
    { ...base('categorical_crossentropy', [p('target'), p('output'), p('from_logits', false), p('axis', -1)]), classModel: 'softmax', reduction: { fixed: 'none (one value per sample)' } },
    {
      ...base('sparse_categorical_crossentropy', [p('target'), p('output'), p('from_logits', false), p('axis', -1)]), classModel: 'softmax',
      reduction: { fixed: 'none (one value per sample)' }, caveats: () => [msg('Integer class targets.')],
    },
  ];
}

export const KERAS_BACKEND: readonly CatalogEntry[] = [...family('keras.backend', BACKENDS, false), ...family('keras.ops', OPS, true)];
