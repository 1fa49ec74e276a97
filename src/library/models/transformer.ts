import * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';
import type { Rng } from '../random/index';
import { activate } from './activations';
import { checkInt, checkOneOf, checkPositive, constantParam, countParams, randomParam, uniqueScope, type InitSource } from './params';
import type { Model } from './types';

/** Options of {@link tinyTransformer}. */
export interface TinyTransformerOptions {
  /** Number of token ids; inputs are ints in [0, vocab). */
  vocab: number;
  /** Longest sequence (rows of the position embedding); shorter inputs are allowed. */
  seqLen: number;
  /** Residual stream width; must be divisible by nHeads. */
  dModel: number;
  /** Attention heads per layer. */
  nHeads: number;
  /** Transformer blocks. */
  nLayers: number;
  /** Hidden width of each block's MLP; default 4 * dModel (GPT-2). */
  dMlp?: number;
  /** Mask attention to future positions; default true. */
  causal?: boolean;
  /** 'last' (logits of the last position, [batch, outputs]; default), 'mean' over positions, or 'all' ([batch, T, outputs]). */
  readout?: 'last' | 'mean' | 'all';
  /** Output units; default vocab (next-token logits). */
  outputs?: number;
  /** Std of every weight matrix and embedding; default 0.02 (GPT-2, nanoGPT). */
  initStd?: number;
  /** Seed names are `${seedName}/block${i}/attn/qkv/kernel`, ...; default 'transformer'. */
  seedName?: string;
  /** Stream the seeds derive from; default rng('init'). */
  stream?: Rng;
}

interface Block {
  ln1g: tf.Variable; ln1b: tf.Variable; qkvW: tf.Variable; qkvB: tf.Variable; projW: tf.Variable; projB: tf.Variable;
  ln2g: tf.Variable; ln2b: tf.Variable; fcW: tf.Variable; fcB: tf.Variable; outW: tf.Variable; outB: tf.Variable;
}

/**
 * A small nanoGPT-like transformer on int token ids [batch, T] (T <= seqLen): token + position
 * embeddings (tf.gather), nLayers pre-LN blocks x += attn(ln1(x)); x += mlp(ln2(x)) with GELU,
 * a final layer norm and a linear head (not tied to the embedding, unlike nanoGPT, so the output
 * size may differ from vocab).
 *
 * FLOPs per example (one sequence of seqLen tokens; a multiply-add counts 2, bias adds count 1):
 * per block T*(2*d*3d + 3d) for q,k,v, 2*T*T*d for the scores and 2*T*T*d for the weighted values
 * (the full T x T, masked entries included), T*(2*d*d + d) for the output projection and
 * T*(2*d*m + m + 2*m*d + d) for the MLP; the head costs 2*d*outputs + outputs per read-out
 * position (T of them for readout 'all'). Embedding lookups, layer norms, softmax, GELU and
 * residual adds are not counted.
 */
export function tinyTransformer(options: TinyTransformerOptions): Model {
  return new TinyTransformer(options);
}

class TinyTransformer implements Model {
  readonly params: tf.Variable[] = [];
  private readonly blocks: Block[] = [];
  private readonly wte: tf.Variable;
  private readonly wpe: tf.Variable;
  private readonly lnfG: tf.Variable;
  private readonly lnfB: tf.Variable;
  private readonly headW: tf.Variable;
  private readonly headB: tf.Variable;
  private readonly cfg: Required<Omit<TinyTransformerOptions, 'seedName' | 'stream'>>;

  constructor(o: TinyTransformerOptions) {
    const dModel = checkInt('tinyTransformer(dModel)', o.dModel);
    const nHeads = checkInt('tinyTransformer(nHeads)', o.nHeads);
    if (dModel % nHeads !== 0) throw invalid('tinyTransformer(nHeads)', `a divisor of dModel=${dModel}`, nHeads);
    const vocab = checkInt('tinyTransformer(vocab)', o.vocab);
    this.cfg = {
      vocab, seqLen: checkInt('tinyTransformer(seqLen)', o.seqLen), dModel, nHeads,
      nLayers: checkInt('tinyTransformer(nLayers)', o.nLayers), dMlp: checkInt('tinyTransformer(dMlp)', o.dMlp ?? 4 * dModel),
      causal: o.causal ?? true, readout: checkOneOf('tinyTransformer(readout)', o.readout ?? 'last', ['last', 'mean', 'all']),
      outputs: checkInt('tinyTransformer(outputs)', o.outputs ?? vocab), initStd: checkPositive('tinyTransformer(initStd)', o.initStd ?? 0.02),
    };
    const source: InitSource = { seedName: o.seedName ?? 'transformer', stream: o.stream };
    const scope = uniqueScope(source.seedName);
    const std = this.cfg.initStd;
    const normal = (path: string, shape: number[], s = std): tf.Variable =>
      randomParam(scope, path, shape, { scheme: 'normal', scale: s, fanIn: shape[0]!, fanOut: shape[1]!, source });
    const zeros = (path: string, n: number): tf.Variable => constantParam(scope, path, [n], 0);
    const ones = (path: string, n: number): tf.Variable => constantParam(scope, path, [n], 1);
    const { seqLen, dMlp, nLayers, outputs } = this.cfg;
    this.wte = normal('wte', [vocab, dModel]);
    this.wpe = normal('wpe', [seqLen, dModel]);
    this.params.push(this.wte, this.wpe);
    // GPT-2 (Radford et al. 2019, sec. 2.3) and nanoGPT scale the residual projections by 1/sqrt(2*nLayers).
    const residualStd = std / Math.sqrt(2 * nLayers);
    for (let i = 0; i < nLayers; i++) {
      const p = `block${i}`;
      const b: Block = {
        ln1g: ones(`${p}/ln1/gain`, dModel), ln1b: zeros(`${p}/ln1/bias`, dModel),
        qkvW: normal(`${p}/attn/qkv/kernel`, [dModel, 3 * dModel]), qkvB: zeros(`${p}/attn/qkv/bias`, 3 * dModel),
        projW: normal(`${p}/attn/proj/kernel`, [dModel, dModel], residualStd), projB: zeros(`${p}/attn/proj/bias`, dModel),
        ln2g: ones(`${p}/ln2/gain`, dModel), ln2b: zeros(`${p}/ln2/bias`, dModel),
        fcW: normal(`${p}/mlp/fc/kernel`, [dModel, dMlp]), fcB: zeros(`${p}/mlp/fc/bias`, dMlp),
        outW: normal(`${p}/mlp/proj/kernel`, [dMlp, dModel], residualStd), outB: zeros(`${p}/mlp/proj/bias`, dModel),
      };
      this.blocks.push(b);
      this.params.push(b.ln1g, b.ln1b, b.qkvW, b.qkvB, b.projW, b.projB, b.ln2g, b.ln2b, b.fcW, b.fcB, b.outW, b.outB);
    }
    this.lnfG = ones('lnf/gain', dModel);
    this.lnfB = zeros('lnf/bias', dModel);
    this.headW = normal('head/kernel', [dModel, outputs]);
    this.headB = zeros('head/bias', outputs);
    this.params.push(this.lnfG, this.lnfB, this.headW, this.headB);
  }

  describe(): string {
    const c = this.cfg;
    return `tinyTransformer(vocab=${c.vocab}, seqLen=${c.seqLen}, dModel=${c.dModel}, nHeads=${c.nHeads}, nLayers=${c.nLayers}, `
      + `dMlp=${c.dMlp}, ${c.causal ? 'causal' : 'bidirectional'}, readout=${c.readout}, outputs=${c.outputs})`;
  }

  apply(x: tf.Tensor): tf.Tensor {
    const T = x.shape[1];
    if (x.rank !== 2 || T === undefined || T < 1 || T > this.cfg.seqLen) {
      throw invalid(`${this.describe()}.apply(x)`, `token ids of shape [batch, T] with 1 <= T <= ${this.cfg.seqLen}`, `[${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const ids = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
      const pos = tf.slice(this.wpe, [0, 0], [T, this.cfg.dModel]);
      let h = tf.add(tf.gather(this.wte, ids), pos); // (B, T, d)
      const mask = this.cfg.causal ? causalMask(T) : undefined;
      for (const b of this.blocks) {
        h = tf.add(h, this.attention(layerNorm(h, b.ln1g, b.ln1b), b, mask));
        const m = activate(dense(layerNorm(h, b.ln2g, b.ln2b), b.fcW, b.fcB), 'gelu'); // (B, T, dMlp)
        h = tf.add(h, dense(m, b.outW, b.outB));
      }
      h = layerNorm(h, this.lnfG, this.lnfB);
      if (this.cfg.readout === 'last') h = tf.squeeze(tf.slice(h, [0, T - 1, 0], [-1, 1, -1]), [1]); // (B, d)
      else if (this.cfg.readout === 'mean') h = tf.mean(h, 1);
      return dense(h, this.headW, this.headB);
    });
  }

  /** Multi-head self-attention on (B, T, d); `mask` is (T, T) with 0 where attending is allowed, -1e9 elsewhere. */
  private attention(h: tf.Tensor, b: Block, mask: tf.Tensor | undefined): tf.Tensor {
    const [B, T, d] = h.shape as [number, number, number];
    const nh = this.cfg.nHeads;
    const hs = d / nh;
    const heads = (t: tf.Tensor): tf.Tensor => tf.transpose(tf.reshape(t, [B, T, nh, hs]), [0, 2, 1, 3]); // (B, nh, T, hs)
    const [q, k, v] = tf.split(dense(h, b.qkvW, b.qkvB), 3, 2).map(heads);
    let scores = tf.mul(tf.matMul(q!, k!, false, true), 1 / Math.sqrt(hs)); // (B, nh, T, T)
    if (mask) scores = tf.add(scores, mask);
    const y = tf.matMul(tf.softmax(scores), v!); // (B, nh, T, hs)
    return dense(tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [B, T, d]), b.projW, b.projB);
  }

  paramCount(): number { return countParams(this.params); }

  flopsPerExample(): number {
    const { seqLen: T, dModel: d, dMlp: m, nLayers, outputs: o, readout } = this.cfg;
    const block = T * (2 * d * 3 * d + 3 * d) + 2 * (2 * T * T * d) + T * (2 * d * d + d) + T * (2 * d * m + m + 2 * m * d + d);
    return nLayers * block + (readout === 'all' ? T : 1) * (2 * d * o + o);
  }

  dispose(): void { this.params.forEach((p) => p.dispose()); }
}

/** x W + b over the last axis of a rank-2 or rank-3 x (reshaped to 2-D: one plain matMul, cheap gradients on every backend). */
function dense(x: tf.Tensor, w: tf.Variable, b: tf.Variable): tf.Tensor {
  const outer = x.shape.slice(0, -1);
  const y = tf.add(tf.matMul(tf.reshape(x, [-1, x.shape[x.rank - 1]!]) as tf.Tensor2D, w as tf.Tensor2D), b);
  return tf.reshape(y, [...outer, w.shape[1]!]);
}

/** Layer norm over the last axis (Ba et al. 2016), eps 1e-5 as in PyTorch. */
function layerNorm(x: tf.Tensor, gain: tf.Variable, bias: tf.Variable): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gain), bias);
}

/** (T, T) additive mask: 0 on and below the diagonal, -1e9 above it (a position never sees later ones). */
function causalMask(T: number): tf.Tensor {
  const lower = tf.linalg.bandPart(tf.ones([T, T]), -1, 0);
  return tf.mul(tf.sub(1, lower), -1e9);
}
