import * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';
import type { Rng } from '../random/index';
import { ACTIVATIONS, activate, type Activation } from './activations';
import {
  checkInput, checkInt, checkOneOf, checkPositive, constantParam, countParams, randomParam, uniqueScope, type InitScheme,
} from './params';
import type { Model } from './types';

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Layer widths from input to output, e.g. [784, 256, 256, 10]: at least two entries. */
  widths: number[];
  /** Nonlinearity after every hidden layer (never after the last); default 'relu'. */
  activation?: Activation;
  /** Learn a bias per unit; default true. Gromov 2023's grokking MLP has none. */
  bias?: boolean;
  /** Weight scheme; default 'he' for relu/gelu, 'glorot' otherwise. Biases start at 0. */
  init?: InitScheme;
  /**
   * Multiplies the scheme's std; with init 'normal' it is the std itself. One number for every
   * layer or one per layer (length widths.length - 1). Default 1.
   */
  initScale?: number | number[];
  /**
   * Fixed (not trained) factors multiplying each layer's output x W + b before its activation, one
   * per layer; default none. They give mean-field / muP-style parametrizations: with init 'normal'
   * (std 1), factors [1/sqrt(fanIn), 1/width] are the mean-field form used in public reproductions
   * of Gromov 2023's grokking MLP, widths [2p, N, p].
   */
  multipliers?: number[];
  /** Seed names are `${seedName}/layer${i}/kernel`; default 'mlp'. Also the variable scope. */
  seedName?: string;
  /** Stream the seeds derive from; default rng('init'). */
  stream?: Rng;
}

/**
 * A fully connected network y = W_L f(... f(W_1 x + b_1) ...) + b_L on inputs [batch, widths[0]],
 * returning [batch, widths.at(-1)] (logits, no output nonlinearity).
 *
 * FLOPs per example: 2*in*out per layer (a multiply-add counts 2) plus `out` for the bias add;
 * activations and multipliers (elementwise) are not counted.
 */
export function mlp(options: MlpOptions): Model {
  return new Mlp(options);
}

class Mlp implements Model {
  readonly params: tf.Variable[] = [];
  private readonly kernels: tf.Variable[] = [];
  private readonly biases: tf.Variable[] = [];
  private readonly widths: number[];
  private readonly activation: Activation;
  private readonly bias: boolean;
  private readonly multipliers: number[] | undefined;
  private readonly label: string;

  constructor(o: MlpOptions) {
    if (!Array.isArray(o.widths) || o.widths.length < 2) throw invalid('mlp(widths)', 'at least two widths [in, ..., out]', o.widths);
    this.widths = o.widths.map((w, i) => checkInt(`mlp(widths[${i}])`, w));
    this.activation = checkOneOf('mlp(activation)', o.activation ?? 'relu', ACTIVATIONS);
    this.bias = o.bias ?? true;
    const defaultInit: InitScheme = this.activation === 'relu' || this.activation === 'gelu' ? 'he' : 'glorot';
    const init = checkOneOf<InitScheme>('mlp(init)', o.init ?? defaultInit, ['glorot', 'he', 'normal']);
    const scales = perLayer('initScale', o.initScale, this.widths.length - 1);
    this.multipliers = o.multipliers === undefined ? undefined : perLayer('multipliers', o.multipliers, this.widths.length - 1);
    const seedName = o.seedName ?? 'mlp';
    const scope = uniqueScope(seedName);
    for (let i = 0; i + 1 < this.widths.length; i++) {
      const [fanIn, fanOut] = [this.widths[i]!, this.widths[i + 1]!];
      const source = { seedName, stream: o.stream };
      this.kernels.push(randomParam(scope, `layer${i}/kernel`, [fanIn, fanOut], { scheme: init, scale: scales[i]!, fanIn, fanOut, source }));
      if (this.bias) this.biases.push(constantParam(scope, `layer${i}/bias`, [fanOut], 0));
    }
    // Fixed order kernel0, bias0, kernel1, ...: checkpoints rely on it.
    this.kernels.forEach((k, i) => this.params.push(...(this.bias ? [k, this.biases[i]!] : [k])));
    const extras = [this.bias ? '' : ', bias=false', init === defaultInit ? '' : `, init=${init}`,
      o.initScale === undefined ? '' : `, initScale=${typeof o.initScale === 'number' ? o.initScale : scales.join('/')}`,
      this.multipliers ? `, multipliers=${this.multipliers.map((m) => +m.toPrecision(4)).join('/')}` : ''].join('');
    this.label = `mlp(${this.widths.join('-')}, ${this.activation}${extras})`;
  }

  describe(): string { return this.label; }

  apply(x: tf.Tensor): tf.Tensor {
    checkInput(`${this.label}.apply(x)`, x, [this.widths[0]!]);
    return tf.tidy(() => {
      let h = x;
      this.kernels.forEach((w, i) => {
        h = tf.matMul(h, w);
        if (this.bias) h = tf.add(h, this.biases[i]!);
        if (this.multipliers) h = tf.mul(h, this.multipliers[i]!);
        if (i + 1 < this.kernels.length) h = activate(h, this.activation);
      });
      return h;
    });
  }

  paramCount(): number { return countParams(this.params); }

  flopsPerExample(): number {
    let flops = 0;
    for (let i = 0; i + 1 < this.widths.length; i++) {
      flops += 2 * this.widths[i]! * this.widths[i + 1]! + (this.bias ? this.widths[i + 1]! : 0);
    }
    return flops;
  }

  dispose(): void { this.params.forEach((p) => p.dispose()); }
}

/** One positive number per layer from a number (shared), an array (one per layer) or undefined (1). */
function perLayer(name: string, value: number | number[] | undefined, nLayers: number): number[] {
  if (value === undefined) return new Array<number>(nLayers).fill(1);
  if (typeof value === 'number') return new Array<number>(nLayers).fill(checkPositive(`mlp(${name})`, value));
  if (!Array.isArray(value) || value.length !== nLayers) throw invalid(`mlp(${name})`, `a number or ${nLayers} numbers (one per layer)`, value);
  return value.map((s, i) => checkPositive(`mlp(${name}[${i}])`, s));
}
