import * as assert from 'node:assert/strict';
import { argumentChain } from '../../../src/live/argumentChain';

// Loss arguments as public training code writes them (PyTorch tutorials, segmentation and NLP
// repositories): the value the frame holds and the steps on the way into the loss. Steps whose
// effect on the values is not known, and any call of the program's, are refused.

const chainOf = (text: string) => {
  const result = argumentChain(text);
  assert.ok(result.ok, `${text}: ${JSON.stringify(result)}`);
  return result.chain;
};
const reasonOf = (text: string) => {
  const result = argumentChain(text);
  assert.ok(!result.ok, `${text} was accepted: ${JSON.stringify(result)}`);
  return result.reason;
};

describe('argument chains (live values)', () => {
  it('takes names, attributes and subscripts as they are', () => {
    assert.deepEqual(chainOf('logits[valid]'), { base: 'logits[valid]', steps: [], refs: {} });
    assert.deepEqual(chainOf("batch['labels'][:, 0]"), { base: "batch['labels'][:, 0]", steps: [], refs: {} });
  });

  it('reshapes: view / reshape with numbers, names and sizes; flatten, squeeze, unsqueeze, permute, transpose', () => {
    assert.deepEqual(chainOf('outputs.view(-1, self.num_classes)'), { base: 'outputs', steps: [['view', -1, { ref: 'r0' }]], refs: { r0: 'self.num_classes' } });
    assert.deepEqual(chainOf('logits.reshape(-1, logits.size(-1))').refs, { r0: 'logits.shape[-1]' });
    assert.deepEqual(chainOf('logits.view((-1, 10))').steps, [['view', -1, 10]]);
    assert.deepEqual(chainOf('out.flatten()').steps, [['flatten']]);
    assert.deepEqual(chainOf('out.squeeze(1)').steps, [['squeeze', 1]]);
    assert.deepEqual(chainOf('labels.unsqueeze(1)').steps, [['unsqueeze', 1]]);
    assert.deepEqual(chainOf('pred.permute(0, 2, 3, 1).reshape(-1, C)').steps, [['permute', 0, 2, 3, 1], ['reshape', -1, { ref: 'r0' }]]);
    assert.deepEqual(chainOf('x.transpose(1, 2)').steps, [['transpose', 1, 2]]);
    assert.deepEqual(chainOf('outputs.view_as(targets)').steps, [['reshape_as', { ref: 'r0' }]]);
  });

  it('retypes: float rounds to float32, long and int truncate, double and device moves change nothing', () => {
    assert.deepEqual(chainOf('labels.float()').steps, [['cast', 'float32']]);
    assert.deepEqual(chainOf('targets.long()').steps, [['cast', 'int']]);
    assert.deepEqual(chainOf('y.double().to(device)').steps, []);
    assert.deepEqual(chainOf('labels.to(self.device, non_blocking=True)').steps, []);
    assert.deepEqual(chainOf("labels.to('cuda:0').float()").steps, [['cast', 'float32']]);
    assert.deepEqual(chainOf('labels.to(torch.long)').steps, [['cast', 'int']]);
    assert.deepEqual(chainOf('labels.type(torch.float32)').steps, [['cast', 'float32']]);
    assert.deepEqual(chainOf('outputs.detach().cpu().contiguous()').steps, []);
  });

  it('activates: torch.sigmoid(x), F.softmax(x, dim=1), x.log_softmax(-1), with the dim written', () => {
    assert.deepEqual(chainOf('torch.sigmoid(logits)'), { base: 'logits', steps: [['sigmoid']], refs: {} });
    assert.deepEqual(chainOf('F.softmax(outputs, dim=1)').steps, [['softmax', 1]]);
    assert.deepEqual(chainOf('F.log_softmax(out.view(-1, 5), 1)').steps, [['view', -1, 5], ['log_softmax', 1]]);
    assert.deepEqual(chainOf('outputs.log_softmax(-1)').steps, [['log_softmax', -1]]);
    assert.deepEqual(chainOf('torch.sigmoid(logits).squeeze()').steps, [['sigmoid'], ['squeeze']]);
  });

  it("refuses the program's calls and steps of unknown effect, with the reason", () => {
    assert.match(reasonOf('model(x)'), /calls something/);
    assert.match(reasonOf('next(it)'), /calls something/);
    assert.match(reasonOf('outputs.mean(1)'), /`\.mean\(\)` is not a step Loss Lens knows/);
    assert.match(reasonOf('self.head(x).view(-1)'), /calls something|not a step/);
    assert.match(reasonOf('F.softmax(outputs)'), /without a dim written as a number/);
    assert.match(reasonOf('labels.to(torch.bfloat16)'), /not a step Loss Lens knows/);
    assert.match(reasonOf('labels.to(other_tensor)'), /not a step Loss Lens knows/);
    assert.match(reasonOf('outputs.view(-1, get_classes())'), /neither a number nor a name/);
    assert.match(reasonOf('outputs.view(-1)[mask]'), /only names, attributes, subscripts and known tensor methods/);
    assert.match(reasonOf('(outputs + 1).view(-1)'), /not a name|calls something|only names/);
  });
});
