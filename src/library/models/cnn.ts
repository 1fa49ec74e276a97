import * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';
import type { Rng } from '../random/index';
import { ACTIVATIONS, activate, type Activation } from './activations';
import {
  checkInput, checkInt, checkOneOf, checkPositive, constantParam, countParams, randomParam, uniqueScope, type InitScheme,
} from './params';
import type { Model } from './types';

/** Options of {@link cnn}; the defaults give conv3x3x32, maxpool, conv3x3x64, maxpool, dense128, dense10 on 28x28x1. */
export interface CnnOptions {
  /** [height, width, channels] of one example (NHWC); default [28, 28, 1]. */
  inputShape?: [number, number, number];
  /** Output channels of each conv block (conv, activation, 2x2 max-pool stride 2); default [32, 64]. */
  filters?: number[];
  /** Square conv kernel side, stride 1; default 3. */
  kernelSize?: number;
  /** Conv padding; default 'valid' (Keras' default): 28 -> 26 -> 13 -> 11 -> 5. */
  padding?: 'valid' | 'same';
  /** Hidden dense widths after flattening; default [128]. */
  dense?: number[];
  /** Output units (logits); default 10. */
  outputs?: number;
  /** Nonlinearity after every conv and hidden dense layer; default 'relu'. */
  activation?: Activation;
  /** Weight scheme; default 'he'. Biases start at 0. */
  init?: InitScheme;
  /** Multiplies the scheme's std (with 'normal', it is the std); default 1. */
  initScale?: number;
  /** Seed names are `${seedName}/conv${i}/kernel`, `${seedName}/dense${i}/kernel`; default 'cnn'. */
  seedName?: string;
  /** Stream the seeds derive from; default rng('init'). */
  stream?: Rng;
}

interface Layer { kind: 'conv' | 'dense'; kernel: tf.Variable; bias: tf.Variable; flops: number }

/**
 * A small convolutional classifier on NHWC images [batch, h, w, c], returning logits [batch, outputs].
 *
 * FLOPs per example: a conv layer costs outH*outW*cout*(2*k*k*cin + 1), a dense layer 2*in*out + out
 * (a multiply-add counts 2, plus the bias add); activations and max-pooling are not counted.
 */
export function cnn(options: CnnOptions = {}): Model {
  return new Cnn(options);
}

class Cnn implements Model {
  readonly params: tf.Variable[] = [];
  private readonly layers: Layer[] = [];
  private readonly inputShape: [number, number, number];
  private readonly padding: 'valid' | 'same';
  private readonly activation: Activation;
  private readonly label: string;

  constructor(o: CnnOptions) {
    this.inputShape = (o.inputShape ?? [28, 28, 1]).map((d, i) => checkInt(`cnn(inputShape[${i}])`, d)) as [number, number, number];
    const filters = (o.filters ?? [32, 64]).map((f, i) => checkInt(`cnn(filters[${i}])`, f));
    const dense = (o.dense ?? [128]).map((d, i) => checkInt(`cnn(dense[${i}])`, d));
    const outputs = checkInt('cnn(outputs)', o.outputs ?? 10);
    const k = checkInt('cnn(kernelSize)', o.kernelSize ?? 3);
    this.padding = checkOneOf('cnn(padding)', o.padding ?? 'valid', ['valid', 'same']);
    this.activation = checkOneOf('cnn(activation)', o.activation ?? 'relu', ACTIVATIONS);
    const scheme = checkOneOf<InitScheme>('cnn(init)', o.init ?? 'he', ['glorot', 'he', 'normal']);
    const scale = checkPositive('cnn(initScale)', o.initScale ?? 1);
    const seedName = o.seedName ?? 'cnn';
    const scope = uniqueScope(seedName);
    const source = { seedName, stream: o.stream };
    let [h, w, c] = this.inputShape;
    filters.forEach((cout, i) => {
      const conv = this.padding === 'valid' ? [h - k + 1, w - k + 1] : [h, w];
      if (conv[0]! < 1 || conv[1]! < 1) throw invalid('cnn(inputShape)', `at least ${k}x${k} pixels before conv${i}`, `${h}x${w}`, 'use fewer conv blocks or padding "same"');
      const kernel = randomParam(scope, `conv${i}/kernel`, [k, k, c, cout], { scheme, scale, fanIn: k * k * c, fanOut: k * k * cout, source });
      this.layers.push({ kind: 'conv', kernel, bias: constantParam(scope, `conv${i}/bias`, [cout], 0), flops: conv[0]! * conv[1]! * cout * (2 * k * k * c + 1) });
      [h, w, c] = [Math.floor(conv[0]! / 2), Math.floor(conv[1]! / 2), cout];
      if (h < 1 || w < 1) throw invalid('cnn(inputShape)', `at least 2x2 pixels to pool after conv${i}`, `${conv[0]}x${conv[1]}`, 'use fewer conv blocks or larger images');
    });
    const widths = [h * w * c, ...dense, outputs];
    for (let i = 0; i + 1 < widths.length; i++) {
      const [fanIn, fanOut] = [widths[i]!, widths[i + 1]!];
      const kernel = randomParam(scope, `dense${i}/kernel`, [fanIn, fanOut], { scheme, scale, fanIn, fanOut, source });
      this.layers.push({ kind: 'dense', kernel, bias: constantParam(scope, `dense${i}/bias`, [fanOut], 0), flops: 2 * fanIn * fanOut + fanOut });
    }
    this.layers.forEach((l) => this.params.push(l.kernel, l.bias));
    const convs = filters.map((f) => `conv${k}x${k}x${f}-pool2`).join('-');
    this.label = `cnn(${this.inputShape.join('x')}-${convs}-${[...dense, outputs].map((d) => `dense${d}`).join('-')}, ${this.activation}, ${this.padding})`;
  }

  describe(): string { return this.label; }

  apply(x: tf.Tensor): tf.Tensor {
    checkInput(`${this.label}.apply(x)`, x, this.inputShape);
    return tf.tidy(() => {
      let h = x;
      const last = this.layers.length - 1;
      this.layers.forEach((l, i) => {
        if (l.kind === 'conv') {
          h = activate(tf.add(tf.conv2d(h as tf.Tensor4D, l.kernel as tf.Tensor4D, 1, this.padding), l.bias), this.activation);
          h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
          return;
        }
        if (h.rank > 2) h = tf.reshape(h, [h.shape[0]!, -1]); // NHWC flatten, as Keras' Flatten
        h = tf.add(tf.matMul(h as tf.Tensor2D, l.kernel as tf.Tensor2D), l.bias);
        if (i < last) h = activate(h, this.activation);
      });
      return h;
    });
  }

  paramCount(): number { return countParams(this.params); }

  flopsPerExample(): number { return this.layers.reduce((n, l) => n + l.flops, 0); }

  dispose(): void { this.params.forEach((p) => p.dispose()); }
}
