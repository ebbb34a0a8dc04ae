/*
 * The sample training script the walkthrough's last step opens (Loss Lens: Open a Sample Training
 * Script): one recognised focal loss call to hover, numbers to select, and a softmax fed to
 * cross_entropy for the lint. Its comments are in the display language (English or Korean); the
 * code is the same in both. Pure text, so the unit tests check what it promises.
 */

interface SampleComments {
  readonly hover: string;
  readonly select: string;
  readonly lint: string;
}

const COMMENTS: Record<'en' | 'ko', SampleComments> = {
  en: {
    hover: 'Rest the mouse on sigmoid_focal_loss: what this call computes, with its alpha and gamma.',
    select: 'Select the two lines above and run "Loss Lens: Compute Loss for Selection".',
    lint: 'The lint: cross_entropy applies log_softmax itself, so probs gets a second softmax.',
  },
  ko: {
    hover: 'sigmoid_focal_loss 위에 마우스를 올려 보세요: 이 호출이 alpha, gamma로 무엇을 계산하는지 보여 줍니다.',
    select: '위 두 줄을 선택하고 "Loss Lens: 선택한 값으로 Loss 계산"을 실행해 보세요.',
    lint: '린트: cross_entropy는 log_softmax를 직접 적용하므로 probs에는 softmax가 두 번 걸립니다.',
  },
};

/**
 * The steps' comments ("# 1. ...") numbered in the order they stand in the script, so the numbers
 * read top to bottom whichever order the script's lines take.
 */
function numberSteps(lines: readonly (string | { readonly step: string })[]): string[] {
  let step = 0;
  return lines.map((line) => (typeof line === 'string' ? line : `# ${++step}. ${line.step}`));
}

/** The sample in the display language `language` (vscode.env.language): Korean for 'ko', English otherwise. */
export function sampleScript(language: string): string {
  const c = COMMENTS[language.toLowerCase().startsWith('ko') ? 'ko' : 'en'];
  return numberSteps([
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'from torchvision.ops import sigmoid_focal_loss',
    '',
    'logits = torch.tensor([2.2, -1.5, 0.3, -4.0])',
    'targets = torch.tensor([1.0, 0.0, 1.0, 0.0])',
    { step: c.select },
    '',
    { step: c.hover },
    'loss = sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2, reduction="sum")',
    '',
    'model = nn.Sequential(nn.Linear(16, 10), nn.Softmax(dim=1))',
    'x = torch.randn(8, 16)',
    'y = torch.randint(0, 10, (8,))',
    'probs = model(x)',
    { step: c.lint },
    'ce = F.cross_entropy(probs, y)',
    '',
  ]).join('\n');
}
