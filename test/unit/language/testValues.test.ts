import * as assert from 'node:assert/strict';
import { findLossCalls, type LossCall } from '../../../src/language/recognition';

/*
 * Values a test gives a loss call (issue 24, Values): pytest's parametrize and a `*args` tuple. The
 * snippets follow real test files:
 * - pytorch/vision test/test_ops.py (e8dd7c6) TestFocalLoss.test_correct_ratio: five stacked
 *   `@pytest.mark.parametrize` ("alpha", [-1.0, 0.0, 0.58, 1.0]), ("gamma", [0, 2]), device, dtype, seed on a
 *   method, then `ops.sigmoid_focal_loss(inputs, targets, gamma=gamma, alpha=alpha, reduction=reduction)` with
 *   `reduction = "none"` assigned in the body.
 * - kornia/kornia tests/losses/test_focal_loss.py (05ba4f7): ("reduction,expected_shape", [("none", (2, 3, 2)),
 *   ("mean", ()), ("sum", ())]) with ("alpha", [None, 0.2, 0.5]) and ("gamma", [0.0, 1.0, 2.0]) into
 *   `kornia.losses.binary_focal_loss_with_logits(logits, labels, alpha=alpha, gamma=gamma, reduction=reduction)`;
 *   `args = (0.25, 2.0)` then `op(logits, labels, *args)` and `kornia.losses.FocalLoss(*args)`; look-alikes:
 *   `alpha = 0.25 if weighted else None` in the body, and `pos_weight = None if pos_weight is None else
 *   torch.tensor(...)` reassigning a parametrized name.
 * - Project-MONAI/MONAI tests/losses/test_focal_loss.py (1f37d0d): `for use_softmax in [True, False]:` around
 *   `loss = FocalLoss(to_onehot_y=True, use_softmax=use_softmax)`; look-alike: `for device in [...]` building
 *   TEST_CASES with appends (not a literal list of calls' values).
 */

function only(src: string): LossCall {
  const calls = findLossCalls(src, 'python');
  assert.equal(calls.length, 1, JSON.stringify(calls.map((call) => call.api)));
  return calls[0]!;
}

const TORCHVISION_TEST = `import pytest
import torch
import torch.nn.functional as F
from torchvision import ops


class TestFocalLoss:
    @pytest.mark.parametrize("alpha", [-1.0, 0.0, 0.58, 1.0])
    @pytest.mark.parametrize("gamma", [0, 2])
    @pytest.mark.parametrize("device", cpu_and_cuda())
    @pytest.mark.parametrize("dtype", [torch.float32, torch.half])
    @pytest.mark.parametrize("seed", [0, 1])
    def test_correct_ratio(self, alpha, gamma, device, dtype, seed):
        reduction = "none"
        inputs, targets = self._generate_diverse_input_target_pair(dtype=dtype, device=device)
        focal_loss = ops.sigmoid_focal_loss(inputs, targets, gamma=gamma, alpha=alpha, reduction=reduction)
`;

describe('values from tests: pytest parametrize', () => {
  it("torchvision's test_correct_ratio: every alpha and gamma the call receives, at the decorators' lines", () => {
    const call = only(TORCHVISION_TEST);
    assert.equal(call.api, 'torchvision.ops.sigmoid_focal_loss');
    assert.equal(call.alpha.value, undefined);
    assert.deepEqual(call.alpha.values, [-1, 0, 0.58, 1]);
    assert.deepEqual(call.alpha.origin, { kind: 'resolved', line: 7, via: 'parametrize' });
    assert.deepEqual(call.gamma.values, [0, 2]);
    assert.deepEqual(call.gamma.origin, { kind: 'resolved', line: 8, via: 'parametrize' });
    // Assigned in the body: one value, as before.
    assert.equal(call.reduction.value, 'none');
    assert.equal(call.reduction.values, undefined);
  });

  it("kornia's test_shape_alpha_gamma: None among alpha's values, and the reduction column of a tuple form", () => {
    const call = only(`import pytest
import torch
import kornia


class TestBinaryFocalLossWithLogits(BaseTester):
    @pytest.mark.parametrize("reduction,expected_shape", [("none", (2, 3, 2)), ("mean", ()), ("sum", ())])
    @pytest.mark.parametrize("alpha", [None, 0.2, 0.5])
    @pytest.mark.parametrize("gamma", [0.0, 1.0, 2.0])
    def test_shape_alpha_gamma(self, device, dtype, reduction, expected_shape, alpha, gamma):
        logits = torch.rand(2, 3, 2, dtype=dtype, device=device)
        labels = torch.rand(2, 3, 2, dtype=dtype, device=device)

        actual_shape = kornia.losses.binary_focal_loss_with_logits(
            logits, labels, alpha=alpha, gamma=gamma, reduction=reduction
        ).shape
`);
    assert.equal(call.api, 'kornia.losses.binary_focal_loss_with_logits');
    assert.deepEqual(call.alpha.values, [null, 0.2, 0.5]);
    assert.deepEqual(call.gamma.values, [0, 1, 2]);
    assert.deepEqual(call.reduction.values, ['none', 'mean', 'sum']);
    assert.deepEqual(call.reduction.origin, { kind: 'resolved', line: 6, via: 'parametrize' });
  });

  it('the tuple form, pytest.param rows, a list of names, a class decorator, and `from pytest import mark`', () => {
    const forms = [
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha,gamma", [(0.25, 2.0), (0.5, 1.0)])\ndef test_fl(alpha, gamma):\n    sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize(("alpha", "gamma"), [pytest.param(0.25, 2.0, id="paper"), pytest.param(0.5, 1.0, marks=pytest.mark.slow)])\ndef test_fl(alpha, gamma):\n    sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`,
      `from pytest import mark\nfrom torchvision.ops import sigmoid_focal_loss\n@mark.parametrize(argnames=["alpha", "gamma"], argvalues=[[0.25, 2.0], [0.5, 1.0]], ids=["a", "b"])\ndef test_fl(alpha, gamma):\n    sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\nCASES = [(0.25, 2.0), (0.5, 1.0)]\n@pytest.mark.parametrize("alpha, gamma", CASES)\ndef test_fl(alpha, gamma):\n    sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha,gamma", [(0.25, 2.0), (0.5, 1.0)])\nclass TestFocal:\n    def test_fl(self, alpha, gamma):\n        sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`,
    ];
    for (const src of forms) {
      const call = only(src);
      assert.deepEqual(call.alpha.values, [0.25, 0.5], src);
      assert.deepEqual(call.gamma.values, [2, 1], src);
      assert.equal(call.gamma.origin.kind, 'resolved', src);
    }
  });

  it('one value (or several rows that agree) is that value, computed as any other', () => {
    const call = only(`import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("gamma", [2.0])\n@pytest.mark.parametrize("seed,alpha", [(0, 0.5), (1, 0.5)])\ndef test_fl(seed, gamma, alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`);
    assert.equal(call.gamma.value, 2);
    assert.equal(call.gamma.values, undefined);
    assert.deepEqual(call.gamma.origin, { kind: 'resolved', line: 2, via: 'parametrize' });
    assert.equal(call.alpha.value, 0.5);
    assert.deepEqual(call.alpha.origin, { kind: 'resolved', line: 3, via: 'parametrize' });
  });

  it("a user's own loss and a loss built in the test get the values too", () => {
    const user = only(`import pytest\nimport torch\ndef focal_loss(logits, y, alpha=0.25, gamma=2.0):\n    p = torch.sigmoid(logits)\n    return -(alpha * (1 - p) ** gamma * torch.log(p)).mean()\n@pytest.mark.parametrize("gamma", [1.0, 3.0])\ndef test_user(gamma):\n    focal_loss(x, y, gamma=gamma)\n`);
    assert.equal(user.api, 'user:focal_loss');
    assert.deepEqual(user.gamma.values, [1, 3]);
    const calls = findLossCalls(`import pytest\nimport kornia\n@pytest.mark.parametrize("gamma", [0.5, 2.0])\ndef test_module(gamma):\n    crit = kornia.losses.FocalLoss(alpha=0.25, gamma=gamma)\n    crit(logits, labels)\n`, 'python');
    assert.deepEqual(calls.map((call) => call.gamma.values), [[0.5, 2], [0.5, 2]]);
  });

  it('look-alikes stay unresolved: reassigned, indirect, unknown rows, twice, another function, not pytest', () => {
    const negatives = [
      // kornia: a parametrized name reassigned in the body
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha", [None, 0.5])\ndef test_fl(alpha):\n    alpha = -1 if alpha is None else alpha\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      // kornia: a local chosen by a flag
      `import pytest\nimport kornia\n@pytest.mark.parametrize("weighted", [False, True])\ndef test_x(weighted):\n    alpha = 0.25 if weighted else None\n    kornia.losses.focal_loss(logits, labels, alpha)\n`,
      // the values go to a fixture
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha", [0.25, 0.5], indirect=True)\ndef test_fl(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha", [0.25, 0.5], indirect=["alpha"])\ndef test_fl(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      // a row that is not a literal
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha", [0.25, random.random()])\ndef test_fl(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha", make_alphas())\ndef test_fl(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      // parametrized twice (pytest refuses it)
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha", [0.25])\n@pytest.mark.parametrize("alpha", [0.5])\ndef test_fl(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      // a row of the wrong width
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha,gamma", [(0.25, 2.0), (0.5,)])\ndef test_fl(alpha, gamma):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      // the decorator is on another function; a helper called by the test takes alpha
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("alpha", [0.25, 0.5])\ndef test_fl(alpha):\n    check(alpha)\ndef check(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      // not pytest's parametrize
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@parametrize("alpha", [0.25, 0.5])\ndef test_fl(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      `from parameterized import parameterized\nfrom torchvision.ops import sigmoid_focal_loss\n@parameterized.expand([(0.25,), (0.5,)])\ndef test_fl(self, alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
      // a list the file changes
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\nALPHAS = [0.25, 0.5]\nALPHAS.append(0.75)\n@pytest.mark.parametrize("alpha", ALPHAS)\ndef test_fl(alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha)\n`,
    ];
    for (const src of negatives) {
      const call = only(src);
      assert.equal(call.alpha.origin.kind, 'unresolved', src);
      assert.equal(call.alpha.values, undefined, src);
    }
  });
});

describe('values from tests: a *args tuple written in the file', () => {
  it("kornia's test_module and test_dynamo: args = (0.25, 2.0) then FocalLoss(*args) and op(logits, labels, *args)", () => {
    const calls = findLossCalls(`import kornia


class TestFocalLoss(BaseTester):
    def test_module(self, device, dtype):
        num_classes = 3
        logits = torch.rand(2, num_classes, device=device, dtype=dtype)
        labels = torch.randint(num_classes, (2,), device=device)

        args = (0.25, 2.0)
        op = kornia.losses.focal_loss
        op_module = kornia.losses.FocalLoss(*args)
        self.assert_close(op_module(logits, labels), op(logits, labels, *args))
`, 'python');
    assert.ok(calls.length >= 2, JSON.stringify(calls.map((call) => call.callee)));
    for (const call of calls) {
      assert.equal(call.alpha.value, 0.25, call.callee);
      assert.deepEqual(call.alpha.origin, { kind: 'resolved', line: 9 }, call.callee);
      assert.equal(call.gamma.value, 2, call.callee);
    }
  });

  it('a literal in place; a tuple changed, built by a call, or of one element in parentheses stays unknown', () => {
    assert.equal(only(`from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, *(0.5, 1.0))\n`).gamma.value, 1);
    for (const src of [
      `from torchvision.ops import sigmoid_focal_loss\nargs = (0.5, 1.0)\nargs += (2,)\nl = sigmoid_focal_loss(x, y, *args)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nargs = [0.5, 1.0]\nargs[0] = 0.1\nl = sigmoid_focal_loss(x, y, *args)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nargs = get_args()\nl = sigmoid_focal_loss(x, y, *args)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nargs = (a_b)\nl = sigmoid_focal_loss(x, y, *args)\n`,
      `from torchvision.ops import sigmoid_focal_loss\ndef f(*args):\n    return sigmoid_focal_loss(x, y, *args)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nargs = (0.5, *rest)\nl = sigmoid_focal_loss(x, y, *args)\n`,
    ]) {
      const call = only(src);
      assert.equal(call.alpha.origin.kind, 'unresolved', src);
      assert.equal(call.gamma.origin.kind, 'unresolved', src);
    }
  });
});

describe('values from a for loop over a literal list', () => {
  it("MONAI's `for use_softmax in [True, False]:` gives both values, and no single class model", () => {
    const calls = findLossCalls(`import torch
from monai.losses import FocalLoss


class TestFocalLoss(unittest.TestCase):
    def test_bin_seg_2d(self):
        for use_softmax in [True, False]:
            target = torch.tensor([[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]])
            loss = FocalLoss(to_onehot_y=True, use_softmax=use_softmax)
            loss = FocalLoss(to_onehot_y=True, alpha=0.5, use_softmax=use_softmax)
`, 'python');
    assert.equal(calls.length, 2);
    for (const call of calls) {
      const useSoftmax = call.extra.find((e) => e.name === 'use_softmax')!.value;
      assert.deepEqual(useSoftmax.values, [true, false]);
      assert.deepEqual(useSoftmax.origin, { kind: 'resolved', line: 6, via: 'loop' });
      assert.equal(call.classModel, undefined, 'sigmoid or softmax: not one of them');
    }
  });

  it('a Figure 1 script: for gamma in GAMMAS (a list bound once) gives every gamma', () => {
    const call = only(`from torchvision.ops import sigmoid_focal_loss\nGAMMAS = [0, 0.5, 1, 2, 5]\nfor gamma in GAMMAS:\n    loss = sigmoid_focal_loss(x, y, alpha=-1, gamma=gamma, reduction="none")\n`);
    assert.deepEqual(call.gamma.values, [0, 0.5, 1, 2, 5]);
    assert.deepEqual(call.gamma.origin, { kind: 'resolved', line: 2, via: 'loop' });
  });

  it('look-alikes: after the loop, a tuple target, a range, a reassigned variable, a comprehension, a loop in another function', () => {
    for (const src of [
      `from torchvision.ops import sigmoid_focal_loss\nfor gamma in [1, 2]:\n    pass\nloss = sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nfor gamma, alpha in [(1, 0.5), (2, 0.25)]:\n    loss = sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nfor gamma in range(3):\n    loss = sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nfor gamma in [1, 2]:\n    gamma = gamma / 2\n    loss = sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nlosses = [sigmoid_focal_loss(x, y, gamma=gamma) for gamma in [1, 2]]\n`,
      `from torchvision.ops import sigmoid_focal_loss\nfor gamma in [1, 2]:\n    def f():\n        return sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nGAMMAS = [1, 2]\nGAMMAS.append(3)\nfor gamma in GAMMAS:\n    loss = sigmoid_focal_loss(x, y, gamma=gamma)\n`,
    ]) {
      const call = only(src);
      assert.equal(call.gamma.values, undefined, src);
      assert.equal(call.gamma.origin.kind, 'unresolved', src);
    }
  });
});

/*
 * Issue 24, three more places tests give a loss its values. The snippets are short patterns written here
 * (not copied code) after what the sources below do:
 * - Project-MONAI/MONAI tests/losses/test_dice_focal_loss.py (3c3537b): `@parameterized.expand` with tuple rows
 *   (case name, reduction, weight, lambda, alpha) on a test method, alpha passed on to FocalLoss;
 *   tests/losses/test_unified_focal_loss.py (05142ed): `TEST_CASES = [[{...}, expected], ...]` with the loss's
 *   kwargs taken out of the row with `.get(...)` (not a literal: unknown); tests/losses/test_focal_loss.py
 *   (1f37d0d): TEST_CASES built by appends in a `for device in ...` loop, then `FocalLoss(**input_param)`
 *   (built by code: unknown).
 * - wolever/parameterized parameterized/parameterized.py (e5a786f) `param.from_decorator`: a `param` row as is, a
 *   string row as one argument, any other row unpacked positionally (`cls(*args)`; a dict row would give its keys);
 *   `param_as_standalone_func` calls `func(*(a + p.args), **dict(kw, **p.kwargs))` with `a == (self,)`.
 * - pytest's documented `pytestmark = pytest.mark.parametrize(...)` / a list of marks at module or class level
 *   (applies to the functions pytest collects, `test*`), and `@pytest.fixture(params=[...])` with `request.param`
 *   (docs.pytest.org, "Parametrizing fixtures"; the fixture named by `name=` when given).
 */
describe('values from tests: parameterized.expand (MONAI)', () => {
  it('tuple rows after self (the test_with_alpha pattern): positional columns give alpha and reduction', () => {
    const calls = findLossCalls(`import torch
from parameterized import parameterized
from monai.losses import FocalLoss


class TestCombined(unittest.TestCase):
    @parameterized.expand(
        [
            ("a", "sum", None, 1.0, 0.25),
            ("b", "sum", torch.ones(3), 1.0, 0.25),
            ("c", "mean", None, 2.0, 0.25),
            ("d", "none", None, 1.0, 0.25),
        ]
    )
    def test_alpha(self, case, reduction, weight, scale, alpha):
        focal = FocalLoss(gamma=1.0, alpha=alpha, reduction=reduction)
`, 'python');
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.equal(call.alpha.value, 0.25);
    assert.deepEqual(call.alpha.origin, { kind: 'resolved', line: 6, via: 'parameterized' });
    assert.deepEqual(call.reduction.values, ['sum', 'mean', 'none']);
    assert.equal(call.gamma.value, 1);
  });

  it('dict rows passed on as **input_param: every value the call receives, defaults where a row leaves one out', () => {
    const call = only(`from parameterized import parameterized
from monai.losses import FocalLoss

TEST_CASES = [
    [{"to_onehot_y": True, "gamma": 2.0}, 0.1],
    [{"to_onehot_y": True, "alpha": 0.8, "gamma": 1.0}, 0.2],
    [{"to_onehot_y": True, "gamma": 2.0, "use_softmax": True}, 0.3],
]


class TestFocalLoss(unittest.TestCase):
    @parameterized.expand(TEST_CASES)
    def test_result(self, input_param, expected_val):
        focal_loss = FocalLoss(**input_param)
`);
    assert.equal(call.api, 'monai.losses.FocalLoss');
    assert.deepEqual(call.gamma.values, [2, 1]);
    assert.deepEqual(call.gamma.origin, { kind: 'resolved', line: 11, via: 'parameterized' });
    assert.equal(call.gamma.text, '**input_param');
    // alpha: None (MONAI's default) in two rows, 0.8 in one.
    assert.deepEqual(call.alpha.values, [null, 0.8]);
    const useSoftmax = call.extra.find((e) => e.name === 'use_softmax')!.value;
    assert.deepEqual(useSoftmax.values, [false, true]);
  });

  it('pytest parametrize and a fixture of dicts passed on as **kwargs give each row too', () => {
    const marked = only(`import pytest\nfrom monai.losses import FocalLoss\n@pytest.mark.parametrize("kwargs", [{"gamma": 2.0}, {"gamma": 1.0, "alpha": 0.25}])\ndef test_fl(kwargs):\n    FocalLoss(to_onehot_y=True, **kwargs)\n`);
    assert.deepEqual(marked.gamma.values, [2, 1]);
    assert.deepEqual(marked.alpha.values, [null, 0.25]);
    assert.deepEqual(marked.gamma.origin, { kind: 'resolved', line: 2, via: 'parametrize' });
    const fixture = only(`import pytest\nfrom monai.losses import FocalLoss\n@pytest.fixture(params=[{"gamma": 0.5}, {"gamma": 3.0}])\ndef kwargs(request):\n    return request.param\ndef test_fl(kwargs):\n    FocalLoss(**kwargs)\n`);
    assert.deepEqual(fixture.gamma.values, [0.5, 3]);
    // Rows that agree are that one value, as it came (here: the row's line).
    const agree = only(`import pytest\nfrom monai.losses import FocalLoss\n@pytest.mark.parametrize("kwargs", [{"gamma": 2.0, "alpha": 0.5}, {"gamma": 2.0}])\ndef test_fl(kwargs):\n    FocalLoss(**kwargs)\n`);
    assert.equal(agree.gamma.value, 2);
    assert.equal(agree.gamma.values, undefined);
  });

  it('rows written as names (TEST_CASE_1 = [...]) and param(...) rows with keywords', () => {
    const named = only(`from parameterized import parameterized
from monai.losses import FocalLoss
TEST_CASE_1 = [{"gamma": 2.0}, 0.1]
TEST_CASE_2 = [{"gamma": 0.5}, 0.2]
class T(unittest.TestCase):
    @parameterized.expand([TEST_CASE_1, TEST_CASE_2])
    def test_a(self, input_param, expected):
        FocalLoss(**input_param)
`);
    assert.deepEqual(named.gamma.values, [2, 0.5]);
    const param = only(`from parameterized import parameterized, param
from torchvision.ops import sigmoid_focal_loss
class T(unittest.TestCase):
    @parameterized.expand([param(0.25, gamma=2.0), param(0.5, gamma=1.0)])
    def test_a(self, alpha, gamma):
        sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)
`);
    assert.deepEqual(param.alpha.values, [0.25, 0.5]);
    assert.deepEqual(param.gamma.values, [2, 1]);
  });

  it('look-alikes stay unknown: tables built by code, .get() of a row, a dict row, a short row, not a method', () => {
    for (const src of [
      // MONAI test_focal_loss.py: TEST_CASES built by appends
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\nTEST_CASES = []\nfor device in ["cpu"]:\n    TEST_CASES.append([{"gamma": 2.0}, 0.3])\nclass T(unittest.TestCase):\n    @parameterized.expand(TEST_CASES)\n    def test_result(self, input_param, expected_val):\n        FocalLoss(**input_param)\n`,
      // a comprehension, product(...) and concatenation
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\nTEST_CASES = [[{"gamma": g}, 0.3] for g in [1.0, 2.0]]\nclass T(unittest.TestCase):\n    @parameterized.expand(TEST_CASES)\n    def test_result(self, input_param, expected_val):\n        FocalLoss(**input_param)\n`,
      `from itertools import product\nfrom parameterized import parameterized\nfrom monai.losses import FocalLoss\nclass T(unittest.TestCase):\n    @parameterized.expand(product([{"gamma": 2.0}], [0.3]))\n    def test_result(self, input_param, expected_val):\n        FocalLoss(**input_param)\n`,
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\nA = [[{"gamma": 2.0}, 0.3]]\nB = [[{"gamma": 1.0}, 0.3]]\nclass T(unittest.TestCase):\n    @parameterized.expand(A + B)\n    def test_result(self, input_param, expected_val):\n        FocalLoss(**input_param)\n`,
      // MONAI test_unified_focal_loss.py: the kwargs come out of the row with .get()
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\nTEST_CASES = [[{"init_kwargs": {"gamma": 2.0}}, 0.0]]\nclass T(unittest.TestCase):\n    @parameterized.expand(TEST_CASES)\n    def test_result(self, input_params, expected_val):\n        init_kwargs = input_params.get("init_kwargs", {})\n        FocalLoss(**init_kwargs)\n`,
      // a dict row is unpacked as its keys
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\nclass T(unittest.TestCase):\n    @parameterized.expand([{"gamma": 2.0}])\n    def test_result(self, input_param):\n        FocalLoss(**input_param)\n`,
      // a row too short for the column
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\nclass T(unittest.TestCase):\n    @parameterized.expand([({"gamma": 2.0},)])\n    def test_result(self, expected, input_param):\n        FocalLoss(**input_param)\n`,
      // a module-level function (expand is for methods)
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\n@parameterized.expand([({"gamma": 2.0}, 1)])\ndef test_result(input_param, expected):\n    FocalLoss(**input_param)\n`,
      // a row whose dict is not literal
      `from parameterized import parameterized\nfrom monai.losses import FocalLoss\nclass T(unittest.TestCase):\n    @parameterized.expand([(make_params(),), ({"gamma": 2.0},)])\n    def test_result(self, input_param):\n        FocalLoss(**input_param)\n`,
    ]) {
      const call = only(src);
      assert.equal(call.gamma.values, undefined, src);
      assert.equal(call.gamma.origin.kind, 'unresolved', src);
    }
  });
});

describe('values from tests: pytestmark', () => {
  it('module-level pytestmark, a list of marks, and a class-level one apply to test functions', () => {
    for (const src of [
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\npytestmark = pytest.mark.parametrize("gamma", [0.5, 2.0])\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\npytestmark = [pytest.mark.slow, pytest.mark.parametrize("gamma", [0.5, 2.0])]\nclass TestFocal:\n    def test_fl(self, gamma):\n        sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\nclass TestFocal:\n    pytestmark = pytest.mark.parametrize("alpha,gamma", [(0.25, 0.5), (0.25, 2.0)])\n    def test_fl(self, alpha, gamma):\n        sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`,
    ]) {
      const call = only(src);
      assert.deepEqual(call.gamma.values, [0.5, 2], src);
      assert.equal(call.gamma.origin.kind === 'resolved' && call.gamma.origin.via, 'parametrize', src);
    }
  });

  it('look-alikes: a helper (not collected), twice (mark and decorator), an unknown mark, a changed pytestmark', () => {
    for (const src of [
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\npytestmark = pytest.mark.parametrize("gamma", [0.5, 2.0])\ndef check(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\npytestmark = pytest.mark.parametrize("gamma", [0.5, 2.0])\n@pytest.mark.parametrize("gamma", [1.0])\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\npytestmark = [GAMMAS_MARK]\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\npytestmark = [pytest.mark.parametrize("gamma", [0.5, 2.0])]\npytestmark.append(pytest.mark.slow)\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
    ]) {
      const call = only(src);
      assert.equal(call.gamma.values, undefined, src);
      assert.equal(call.gamma.origin.kind, 'unresolved', src);
    }
  });
});

describe('values from tests: a parametrized fixture of the file', () => {
  it('@pytest.fixture(params=[...]) returning request.param gives a test parameter every value', () => {
    for (const src of [
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=[0.5, 1.0, 2.0])\ndef gamma(request):\n    return request.param\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=[0.5, 1.0, 2.0], ids=["a", "b", "c"], name="gamma")\ndef gamma_fixture(request):\n    """The focusing parameters of Figure 1."""\n    yield request.param\nclass TestFocal:\n    def test_fl(self, gamma):\n        sigmoid_focal_loss(x, y, gamma=gamma)\n`,
    ]) {
      const call = only(src);
      assert.deepEqual(call.gamma.values, [0.5, 1, 2], src);
      assert.equal(call.gamma.origin.kind === 'resolved' && call.gamma.origin.via, 'fixture', src);
    }
  });

  it("a dict literal indexed by request.param: each param's value, inline or through a name bound once", () => {
    for (const src of [
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=["ce", "focal"])\ndef gamma(request):\n    return {"ce": 0.0, "focal": 2.0}[request.param]\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\nGAMMAS = {"ce": 0.0, "focal": 2.0, "unused": 5.0}\n@pytest.fixture(params=["ce", "focal"])\ndef gamma(request):\n    return GAMMAS[request.param]\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
    ]) {
      const call = only(src);
      assert.deepEqual(call.gamma.values, [0, 2], src);
      assert.equal(call.gamma.origin.kind === 'resolved' && call.gamma.origin.via, 'fixture', src);
    }
    for (const src of [
      // a param the dict lacks (KeyError), a dict the file changes, a value that is not a literal
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=["ce", "focal"])\ndef gamma(request):\n    return {"ce": 0.0}[request.param]\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\nGAMMAS = {"ce": 0.0, "focal": 2.0}\nGAMMAS["focal"] = 1.0\n@pytest.fixture(params=["ce", "focal"])\ndef gamma(request):\n    return GAMMAS[request.param]\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=["ce", "focal"])\ndef gamma(request):\n    return {"ce": 0.0, "focal": pick()}[request.param]\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
    ]) {
      const call = only(src);
      assert.equal(call.gamma.values, undefined, src);
      assert.equal(call.gamma.origin.kind, 'unresolved', src);
    }
  });

  it('look-alikes: a fixture that changes the value, without params, defined twice, renamed, used by a helper, overridden by parametrize', () => {
    for (const src of [
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=[0.5, 2.0])\ndef gamma(request):\n    return request.param * 2\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture\ndef gamma():\n    return 2.0\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=[0.5])\ndef gamma(request):\n    return request.param\n@pytest.fixture(params=[2.0])\ndef gamma(request):\n    return request.param\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=[0.5, 2.0], name="focus")\ndef gamma(request):\n    return request.param\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=[0.5, 2.0])\ndef gamma(request):\n    return request.param\ndef check(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
      `import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.fixture(params=[0.5, 2.0])\ndef gamma(request):\n    return request.param\n@pytest.mark.parametrize("gamma", [3.0, 4.0], indirect=True)\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`,
    ]) {
      const call = only(src);
      assert.equal(call.gamma.values, undefined, src);
      assert.equal(call.gamma.origin.kind, 'unresolved', src);
    }
  });
});
