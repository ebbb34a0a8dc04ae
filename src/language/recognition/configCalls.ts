import { BY_PATH, DETECTRON2_DEFAULTS, MMDET_CONFIG_TYPES, MMSEG_CONFIG_TYPES, type CatalogEntry } from './catalog';
import { msg } from '../../core';
import { writesLiteral } from './argument';
import type { Argument, ArgumentMapper } from './argumentMapping';
import { baseFilesOf, dictAtPath, dictKeyPath } from './configInheritance';
import type { LazyLossCall, LossCall, ParamValue } from './lossCall';
import { buildCatalogCall, defaultValue, isNumber, isNumberOrNull, typed, UNRESOLVED, type CallSite } from './lossCallBuilder';
import { lazy, type PythonFile } from './pythonFile';
import { closeOf, splitTopLevel, type PythonModule } from './pythonModule';
import { isOp, lineOf, NAME, STRING, type PythonTokens } from './pythonScanner';
import { textMentions, type ShortPattern } from './textMentions';
import type { UserLosses } from './userLosses';
import { pythonString } from './values';

/*
 * Losses configured rather than called: mmdet-style config dicts (`dict(type='FocalLoss', ...)`,
 * `{'type': 'mmdet.VarifocalLoss', ...}`), Hydra / OmegaConf nodes (`dict(_target_='torch.nn.CrossEntropyLoss', ...)`), a typeless dict that overrides a loss inherited through
 * `_base_`, and detectron2's `cfg.MODEL.RETINANET.FOCAL_LOSS_*` assignments. Every config parameter
 * is a keyword.
 */
export class ConfigCalls {
  constructor(
    private readonly file: PythonFile,
    private readonly mapper: ArgumentMapper,
    /** Reads the base files of an inheriting config; absent when other files are not read. */
    private readonly homes: Pick<UserLosses, 'homeFor'> | undefined,
  ) {}

  /** The `dict(...)` call whose name is token `k` (first token `first`) with `written` arguments, when it configures a loss. */
  dictCallAt(k: number, first: number, site: CallSite, written: readonly Argument[], scope: number): LazyLossCall | undefined {
    const typeArg = this.mmdetType(written);
    if (typeArg === undefined) return this.homes ? this.inheritedConfigAt(k, site, written, scope) : undefined;
    if (this.refused(this.configEntry(typeArg.from, typeArg.keyword as TypeKey)!, written, typeArg.keyword as TypeKey)) return undefined;
    const [nameStart, nameEnd] = this.file.stringContent(typeArg.from);
    return lazy(site.start, site.end, nameStart, nameEnd, () => this.dictConfigCall(written, typeArg, site, scope, first));
  }

  /** `{'type': 'FocalLoss', 'gamma': 2.0, ...}`: triggered on the type string (token `k`). */
  braceConfigAt(k: number, scope: number): LazyLossCall | undefined {
    const { file } = this;
    const { tokens } = file;
    if (!isOp(tokens, k - 1, ':') || tokens.kind[k - 2] !== STRING) return undefined;
    const key = pythonString(file.text(k - 2));
    if (key !== 'type' && key !== '_target_') return undefined;
    const entry = this.configEntry(k, key);
    if (!entry) return undefined;
    const open = file.enclosingOpen(k - 2);
    if (open < 0 || !isOp(tokens, open, '{')) return undefined;
    const close = closeOf(tokens, open);
    if (this.refused(entry, this.braceArgs(open, close, key), key)) return undefined;
    const [nameStart, nameEnd] = file.stringContent(k);
    return lazy(tokens.startAt(open) - file.base, file.endOf(close) - file.base, nameStart, nameEnd, () => this.braceConfigCall(k, key, open, close, scope));
  }

  /** The detectron2 config assignments whose target starts in tokens [from, to) of the document. */
  assignmentCallsIn(from: number, to: number): LazyLossCall[] {
    const { file } = this;
    const { tokens, base } = file;
    const calls: LazyLossCall[] = [];
    for (const assignment of file.module.configAssignmentsIn(from, to)) {
      if (tokens.startAt(assignment.targetFrom) < base) continue;
      const start = tokens.startAt(assignment.targetFrom) - base;
      calls.push(lazy(start, file.endOf(assignment.valueTo - 1) - base, tokens.startAt(assignment.keyToken) - base, tokens.endAt(assignment.keyToken) - base, () => this.configAssignmentCall(assignment)));
    }
    return calls;
  }

  /**
   * A config dict without a type that overrides a loss of an inherited config (`_base_`): the base
   * file's dict at the same key path gives the type and every value the child does not write.
   */
  private inheritedConfigAt(k: number, site: CallSite, written: readonly Argument[], scope: number): LazyLossCall | undefined {
    const { file } = this;
    if (written.some((arg) => arg.keyword === '_delete_' || arg.star !== '')) return undefined;
    const bases = baseFilesOf(file.module);
    if (bases.length === 0) return undefined;
    const path = dictKeyPath(file.tokens, k, (j) => file.enclosingOpen(j));
    if (!path || path.length < 2) return undefined;
    for (const baseFile of bases) {
      const home = this.homes!.homeFor(baseFile);
      const name = home ? dictAtPath(home.module, path) : undefined;
      if (!home || name === undefined) continue;
      const ht = home.module.tokens;
      const baseArgs = splitTopLevel(ht, name + 2, closeOf(ht, name + 1)).filter(([from]) => ht.kind[from] === NAME && isOp(ht, from + 1, '='));
      const keyOf = (from: number) => ht.text.slice(ht.startAt(from), ht.endAt(from));
      const typeArg = baseArgs.find(([from]) => keyOf(from) === 'type');
      const type = typeArg && typeArg[1] === typeArg[0] + 3 && ht.kind[typeArg[0] + 2] === STRING ? pythonString(keyOf(typeArg[0] + 2)) : undefined;
      const entry = type === undefined ? undefined : this.entryOfType(type, path[path.length - 1] === 'loss_decode', () => this.isThreeD() || mentionsThreeD(ht.text));
      if (!entry || this.refused(entry, written, 'type')) return undefined;
      const nameSite: CallSite = { ...site, callee: `${path.join('.')} (type='${type}' from ${home.file})`, nameStart: site.start, nameEnd: site.start + 4 };
      return lazy(site.start, site.end, nameSite.nameStart, nameSite.nameEnd, () => {
        const values = this.mapper.map(configParams(entry, 'type', written), written, scope, file.tokens.startAt(k));
        for (const [from, to] of baseArgs) {
          const key = keyOf(from);
          if (key === 'type' || values.get(key)?.origin.kind !== 'default') continue;
          const known = home.evaluator.evaluate(from + 2, to, 0, ht.startAt(from));
          const text = ht.text.slice(ht.startAt(from + 2), ht.endAt(to - 1));
          values.set(key, known ? { value: known.value, origin: { kind: 'resolved', line: lineOf(home.starts, ht.startAt(from)), file: home.file }, text } : { value: undefined, origin: UNRESOLVED, text });
        }
        const call = buildCatalogCall(entry, nameSite, values);
        return { ...call, caveats: [msg("type='{0}' and the values not written here are inherited from {1}.", type, home.file), ...call.caveats] };
      });
    }
    return undefined;
  }

  /** `dict(type='FocalLoss', gamma=2.0, ...)` in an mmdet config. */
  private dictConfigCall(args: readonly Argument[], typeArg: Argument, site: CallSite, scope: number, first: number): LossCall {
    const typeKey = typeArg.keyword as TypeKey;
    const entry = this.configEntry(typeArg.from, typeKey)!;
    const others = args.filter((arg) => arg !== typeArg);
    const values = this.mapper.map(configParams(entry, typeKey, others), others, scope, this.file.tokens.startAt(first));
    const [nameStart, nameEnd] = this.file.stringContent(typeArg.from);
    return withTargetCaveat(buildCatalogCall(entry, { ...site, callee: this.file.calleeText(first, typeArg.from), nameStart, nameEnd }, values), typeKey, entry);
  }

  /** A brace dict's entries other than its type as keyword arguments (`**x` as written). */
  private braceArgs(open: number, close: number, typeKey: TypeKey): Argument[] {
    const { file } = this;
    const { tokens } = file;
    const args: Argument[] = [];
    for (const [from, to] of splitTopLevel(tokens, open + 1, close)) {
      if (isOp(tokens, from, '**')) { args.push({ keyword: '', star: '**', from: from + 1, to }); continue; }
      const key = tokens.kind[from] === STRING && isOp(tokens, from + 1, ':') ? pythonString(file.text(from)) : undefined;
      if (key !== undefined && key !== typeKey) args.push({ keyword: key, star: '', from: from + 2, to });
    }
    return args;
  }

  /** Whether a config of `entry` writes a value the library refuses (a fork's loss: see CatalogEntry.refuses). */
  private refused(entry: CatalogEntry, args: readonly Argument[], typeKey: TypeKey): boolean {
    if (entry.refuses !== undefined && writesLiteral(args, entry.refuses.param, entry.refuses.literal, (k) => this.file.text(k))) return true;
    // An OpenMMLab type with a key its upstream class does not take (`gauss_sigma=...` on a FocalLoss) is a
    // fork's or the repository's own loss registered under that name: upstream would not build it.
    return typeKey === 'type' && args.some((arg) => arg.keyword !== '' && arg.keyword !== 'type' && !arg.keyword.startsWith('_') && !entry.params.some((param) => param.name === arg.keyword));
  }

  private braceConfigCall(k: number, typeKey: TypeKey, open: number, close: number, scope: number): LossCall {
    const { file } = this;
    const { tokens } = file;
    const args = this.braceArgs(open, close, typeKey);
    const entry = this.configEntry(k, typeKey)!;
    const values = this.mapper.map(configParams(entry, typeKey, args), args, scope, tokens.startAt(open));
    const [nameStart, nameEnd] = file.stringContent(k);
    const call = buildCatalogCall(entry, {
      callee: file.calleeText(open, k), start: tokens.startAt(open) - file.base, end: file.endOf(close) - file.base, nameStart, nameEnd,
    }, values);
    return withTargetCaveat(call, typeKey, entry);
  }

  /** `cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 2.0`; the other key is taken from a sibling assignment in the file, else detectron2's default. */
  private configAssignmentCall(assignment: PythonModule['configAssignments'][number]): LossCall {
    const { file, mapper } = this;
    const { tokens } = file;
    const own = mapper.value({ keyword: '', star: '', from: assignment.valueFrom, to: assignment.valueTo }, assignment.scope, tokens.startAt(assignment.targetFrom));
    const valueFor = (key: 'FOCAL_LOSS_ALPHA' | 'FOCAL_LOSS_GAMMA'): ParamValue<unknown> => {
      if (assignment.key === key) return own;
      const siblings = file.module.configAssignments.filter((other) => other.key === key && other.prefix === assignment.prefix);
      const sibling = siblings[siblings.length - 1];
      if (!sibling) return defaultValue(DETECTRON2_DEFAULTS[key]);
      const value = mapper.value({ keyword: '', star: '', from: sibling.valueFrom, to: sibling.valueTo }, sibling.scope, tokens.startAt(sibling.targetFrom));
      return value.value === undefined ? value : { ...value, origin: file.resolvedOrigin(tokens.startAt(sibling.targetFrom)) };
    };
    const site: CallSite = {
      callee: file.source(assignment.targetFrom, assignment.keyToken + 1).replace(/\s+/g, ''),
      start: tokens.startAt(assignment.targetFrom) - file.base,
      end: file.endOf(assignment.valueTo - 1) - file.base,
      nameStart: tokens.startAt(assignment.keyToken) - file.base,
      nameEnd: tokens.endAt(assignment.keyToken) - file.base,
    };
    return detectron2Call(site, valueFor('FOCAL_LOSS_ALPHA'), valueFor('FOCAL_LOSS_GAMMA'));
  }

  /** The `type='FocalLoss'` (mmdet) or `_target_='torch.nn.CrossEntropyLoss'` (Hydra) argument of a dict(...) call, when it names a catalog loss. */
  private mmdetType(args: readonly Argument[]): Argument | undefined {
    const typeArg = args.find((arg) => arg.keyword === 'type') ?? args.find((arg) => arg.keyword === '_target_');
    if (!typeArg || typeArg.to !== typeArg.from + 1 || this.file.tokens.kind[typeArg.from] !== STRING) return undefined;
    return this.configEntry(typeArg.from, typeArg.keyword as TypeKey) ? typeArg : undefined;
  }

  /**
   * The catalog entry a config dict's type string (token `k`) names: an mmdet type ('FocalLoss',
   * 'mmdet.VarifocalLoss', ...) for `type`, a fully qualified API for Hydra's `_target_`; none otherwise.
   */
  private configEntry(k: number, key: TypeKey): CatalogEntry | undefined {
    const type = pythonString(this.file.text(k));
    if (type === undefined) return undefined;
    if (key !== 'type') return BY_PATH.get(type);
    const headKey = this.mmsegHeadKey(k);
    // EncHead's SE loss is mmseg's too, but on class presence per image: the pixel divisor would be wrong.
    if (headKey === 'loss_se_decode' && !type.includes('.')) return undefined;
    return this.entryOfType(type, headKey === 'loss_decode', () => this.isThreeD());
  }

  /**
   * Whose loss an mmdet-style `type` names. A scoped name says it (`mmseg.FocalLoss`, `mmdet.FocalLoss`). A
   * bare one is mmseg's under default_scope 'mmseg' (mmengine builds from the default scope's registry), and
   * in a decode head's `loss_decode` of a config without a default_scope (mmseg 0.x), unless the config is
   * mmdet3d's (its 0.x decode heads build loss_decode from mmdet's registry). Other scopes, and a
   * `loss_decode` under an mmdet scope, are claimed by no one; elsewhere a bare name is mmdet's.
   */
  private entryOfType(type: string, decodeHeadLoss: boolean, threeD: () => boolean): CatalogEntry | undefined {
    if (type.startsWith('mmseg.')) return MMSEG_CONFIG_TYPES.get(type);
    if (type.includes('.')) return MMDET_CONFIG_TYPES.get(type);
    const scope = this.defaultScope() ?? this.registryScope();
    if (scope === 'mmseg') return MMSEG_CONFIG_TYPES.get(type);
    if (scope !== undefined && !MMDET_SCOPES.has(scope)) return undefined;
    if (decodeHeadLoss) return scope === undefined && !threeD() ? MMSEG_CONFIG_TYPES.get(type) : undefined;
    // Without a scope, a bare name is mmdet's only where the file shows mmdet: mmpretrain / mmcls,
    // mmaction2 and others register their own CrossEntropyLoss and FocalLoss under the same names
    // (`head=dict(type='LinearClsHead', loss=dict(type='CrossEntropyLoss'))`), with other parameters.
    if (scope === undefined && !this.showsMmdet()) return undefined;
    return MMDET_CONFIG_TYPES.get(type);
  }

  private mmdet: boolean | undefined;

  /** Whether this file shows it configures mmdet (see MMDET_MENTION). */
  private showsMmdet(): boolean {
    this.mmdet ??= textMentions(this.file.tokens, MMDET_MENTION);
    return this.mmdet;
  }

  private threeD: boolean | undefined;

  /** Whether this file shows it configures mmdet3d (see THREE_D_MENTION). */
  private isThreeD(): boolean {
    this.threeD ??= textMentions(this.file.tokens, THREE_D_MENTION);
    return this.threeD;
  }

  /**
   * The mmseg head key whose value (alone or in a list) is the dict holding token `k`: `loss_decode`,
   * where mmseg's decode and auxiliary heads take their losses from mmseg's registry (whose FocalLoss
   * defaults alpha to 0.5 and whose CrossEntropyLoss is not mmdet's), or EncHead's `loss_se_decode`, a
   * loss on per-image class presence, not on pixels. mmdet's heads name theirs loss_cls, loss_bbox,
   * loss_mask, loss_seg. 0.x configs have no default_scope to say whose they are.
   */
  private mmsegHeadKey(k: number): 'loss_decode' | 'loss_se_decode' | undefined {
    const { tokens } = this.file;
    const open = this.file.enclosingOpen(k);
    let container = isOp(tokens, open, '(') && tokens.kind[open - 1] === NAME ? open - 1 : open;
    for (let depth = 0; depth < 2 && container > 1; depth++) {
      const key = isOp(tokens, container - 1, '=') ? (tokens.kind[container - 2] === NAME ? this.file.text(container - 2) : '')
        : isOp(tokens, container - 1, ':') ? (tokens.kind[container - 2] === STRING ? pythonString(this.file.text(container - 2)) : '')
        : null;
      if (key !== null) return key === 'loss_decode' || key === 'loss_se_decode' ? key : undefined;
      const list = this.file.enclosingOpen(container);
      if (list < 0 || !(isOp(tokens, list, '[') || isOp(tokens, list, '('))) return undefined;
      container = list;
    }
    return undefined;
  }

  private registryName: { readonly name: string | undefined } | undefined;

  /**
   * The OpenMMLab project whose registry a module imports (`from mmocr.registry import MODELS`): a loss
   * dict written in that module's code is built from that registry, which holds the project's own losses
   * (mmocr registers its own CrossEntropyLoss, nn.CrossEntropyLoss itself) and falls back to mmengine's,
   * not to mmdet's, unless the project is mmdet or one whose registries have mmdet's as parent.
   */
  private registryScope(): string | undefined {
    if (this.registryName === undefined) {
      // Another project's registry next to mmdet's (an mmdet util imported by mmocr code) decides.
      let name: string | undefined;
      for (const path of this.file.module.imports.values()) {
        const found = /^(mm\w+)\.registry(?:\.|$)/.exec(path)?.[1];
        if (found && (name === undefined || MMDET_SCOPES.has(name))) name = found;
      }
      this.registryName = { name };
    }
    return this.registryName.name;
  }

  private scopeName: { readonly name: string | undefined } | undefined;

  /**
   * The config's `default_scope` string, if it sets one: mmdet's registries (mmdet, and mmyolo's and
   * mmrotate's, which fall back to mmdet's losses), mmseg's (whose FocalLoss defaults alpha to 0.5), or another.
   */
  private defaultScope(): string | undefined {
    if (this.scopeName === undefined) {
      const { tokens } = this.file;
      const bindings = this.file.module.scope(0).names.get('default_scope');
      const binding = bindings?.[bindings.length - 1];
      this.scopeName = { name: binding && binding.to === binding.from + 1 && tokens.kind[binding.from] === STRING ? pythonString(this.file.text(binding.from)) : undefined };
    }
    return this.scopeName.name;
  }
}

/**
 * Whether a config's text names mmdet3d or its 3D types ('EncoderDecoder3D', 'Det3DDataPreprocessor', a
 * '..._seg-3d-20class.py' base): mmdet3d 0.x builds a decode head's loss_decode from mmdet's registry, not
 * mmseg's. Checkpoint hashes are lower case, so an upper-case 3D is not one of them.
 */
const THREE_D_MENTION: ShortPattern = { regex: /mmdet3d|3D|-3d/, longest: 7 };

function mentionsThreeD(text: string): boolean {
  return THREE_D_MENTION.regex.test(text);
}

/**
 * Whether a config's text shows mmdet: its name as a word (an import, a `mmdet.` type, an `mmdet::`
 * base; not "migrated from mmdetection" in a comment) or the head keys of mmdet's detectors (`bbox_head`, also mmdet3d's `pts_bbox_head`;
 * `rpn_head`, `roi_head`, `mask_head`, `panoptic_head`, `query_head`, `semantic_head`). Classification,
 * action and pose configs name theirs `head` / `cls_head` / `keypoint_head`, and their registries' losses differ.
 */
const MMDET_MENTION: ShortPattern = { regex: /\bmmdet(?:3d)?\b|bbox_head|rpn_head|roi_head|mask_head|panoptic_head|query_head|semantic_head/, longest: 13 };

/**
 * Searches a document's text for mmdet now (textMentions.ts): done when a document is read from
 * scratch (a pass beside the read), so that its later versions carry the answer instead of a hover
 * on a config dict after an edit searching the whole text.
 */
export function searchConfigMentions(tokens: PythonTokens): void {
  textMentions(tokens, MMDET_MENTION);
}

/** Registry scopes whose bare loss types are mmdet's (mmyolo's and mmrotate's registries fall back to mmdet's). */
const MMDET_SCOPES: ReadonlySet<string> = new Set(['mmdet', 'mmyolo', 'mmrotate']);

/** The key a config dict names its loss by: mmdet's `type`, Hydra's `_target_`. */
type TypeKey = 'type' | '_target_';

/**
 * The parameters a config's keys bind: all keywords for mmdet (its builder passes the dict as
 * **kwargs); for Hydra too, except that `_args_` holds positional ones, unknown here.
 */
function configParams(entry: CatalogEntry, key: TypeKey, args: readonly Argument[]): CatalogEntry['params'] {
  const positional = key === '_target_' && args.some((arg) => arg.keyword === '_args_');
  return entry.params.map((param) => (positional && !param.keywordOnly ? { ...param, required: true, default: undefined } : { ...param, keywordOnly: true }));
}

/** Hydra's instantiate calls the target with the other keys: said once, as for the YAML form. */
function withTargetCaveat(call: LossCall, key: TypeKey, entry: CatalogEntry): LossCall {
  if (key !== '_target_') return call;
  return { ...call, caveats: [hydraTargetCaveat(entry.paths[0]!), ...call.caveats] };
}

/** What Hydra's instantiate does with a `_target_` node (Python dicts and YAML alike). */
export function hydraTargetCaveat(target: string): string {
  return msg('hydra.utils.instantiate calls {0} with the keys beside _target_ as keyword arguments; overrides on the command line are not seen here.', target);
}

/** A detectron2 RetinaNet config (Python assignment or YAML key): alpha/gamma feed sigmoid_focal_loss_jit(..., reduction='sum'). */
export function detectron2Call(site: CallSite, alphaValue: ParamValue<unknown>, gammaValue: ParamValue<unknown>): LossCall {
  const written = typed(alphaValue, isNumberOrNull);
  const alpha = typeof written.value === 'number' && written.value < 0 ? { ...written, value: null } : written;
  const gamma = typed(gammaValue, isNumber);
  const caveats = [msg("detectron2's RetinaNet calls sigmoid_focal_loss_jit(..., reduction='sum') and divides by a moving average of the number of foreground anchors.")];
  if (gamma.value !== undefined && gamma.value > 0 && gamma.value < 1) caveats.push(msg('gamma={0} < 1: the derivative of (1 - p_t)^gamma is unbounded as p_t -> 1, so autograd can give NaN or inf for saturated logits.', gamma.value));
  return {
    api: 'detectron2.config.MODEL.RETINANET', library: 'detectron2', kind: 'focal', ...site, alpha, gamma,
    inputs: defaultValue('logits' as const, 'logits'), classModel: 'sigmoid',
    reduction: defaultValue("sum / number of foreground anchors", "sum / number of foreground anchors"),
    caveats, extra: [],
  };
}
