// A small writer for the TFLite FlatBuffers schema (schema version 3), enough to build single-operator
// test models: tensors (with optional constant data and quantisation), operators with builtin options,
// operator codes, buffers. Field slots follow tensorflow/lite/schema/schema.fbs.
'use strict';

const flatbuffers = require('flatbuffers');

// BuiltinOperator codes used by the goldens (schema.fbs enum BuiltinOperator).
const OPS = {
  ADD: 0, AVERAGE_POOL_2D: 1, CONV_2D: 3, DEPTHWISE_CONV_2D: 4, DEQUANTIZE: 6, FULLY_CONNECTED: 9,
  LOGISTIC: 14, MAX_POOL_2D: 17, MUL: 18, RELU: 19, RELU_N1_TO_1: 20, RELU6: 21, RESHAPE: 22, SOFTMAX: 25,
  TANH: 28, CUSTOM: 32, SUB: 41, DIV: 42, PRELU: 54, ABS: 101,
};

// BuiltinOptions union types (schema.fbs union BuiltinOptions, 1-based).
const OPTIONS = {
  Conv2D: 1, DepthwiseConv2D: 2, Pool2D: 5, FullyConnected: 8, Softmax: 9, Add: 11, Reshape: 17, Mul: 21, Sub: 28, Div: 29,
};

const TYPES = { float32: 0, float16: 1, int32: 2, uint8: 3, int8: 9 };
const PADDING = { SAME: 0, VALID: 1 };
const ACT = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3, TANH: 4 };

function int32Vector(b, values) {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]);
  return b.endVector();
}

function floatVector(b, values) {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

function int64Vector(b, values) {
  b.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) b.addInt64(BigInt(values[i]));
  return b.endVector();
}

function offsetVector(b, offsets) {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

function byteVector(b, bytes) {
  b.startVector(1, bytes.length, 16); // Buffer.data is force_align: 16
  for (let i = bytes.length - 1; i >= 0; i--) b.addInt8(bytes[i]);
  return b.endVector();
}

// options: { type: OPTIONS.x, fields: [[slot, 'int8'|'int32'|'bool'|'float'|'int32s', value], ...] }
function optionsTable(b, options) {
  const vectors = options.fields.map(([, kind, value]) => (kind === 'int32s' ? int32Vector(b, value) : 0));
  const slots = options.fields.reduce((m, [slot]) => Math.max(m, slot + 1), 0);
  b.startObject(slots);
  options.fields.forEach(([slot, kind, value], i) => {
    if (kind === 'int8' || kind === 'bool') b.addFieldInt8(slot, Number(value), 0);
    else if (kind === 'int32') b.addFieldInt32(slot, value, 0);
    else if (kind === 'float') b.addFieldFloat32(slot, value, 0);
    else if (kind === 'int32s') b.addFieldOffset(slot, vectors[i], 0);
    else throw new Error(`unknown option field kind ${kind}`);
  });
  return b.endObject();
}

// spec: { description, tensors: [{ name, shape, type, data?: Uint8Array, quantization?: { scale, zeroPoint } }],
//         inputs: [i], outputs: [i], operators: [{ op, custom?, inputs, outputs, options? }] }
function writeModel(spec) {
  const b = new flatbuffers.Builder(1024);
  b.forceDefaults(false);

  // Buffer 0 is the empty sentinel; each constant tensor gets its own buffer.
  const bufferOffsets = [];
  b.startObject(1);
  bufferOffsets.push(b.endObject());
  const tensorBuffer = spec.tensors.map((t) => {
    if (!t.data) return 0;
    const data = byteVector(b, t.data);
    b.startObject(1);
    b.addFieldOffset(0, data, 0);
    bufferOffsets.push(b.endObject());
    return bufferOffsets.length - 1;
  });

  const tensorOffsets = spec.tensors.map((t, i) => {
    const shape = int32Vector(b, t.shape);
    const name = b.createString(t.name);
    let quantization = 0;
    if (t.quantization) {
      const scale = floatVector(b, t.quantization.scale);
      const zeroPoint = int64Vector(b, t.quantization.zeroPoint);
      b.startObject(4);
      b.addFieldOffset(2, scale, 0);
      b.addFieldOffset(3, zeroPoint, 0);
      quantization = b.endObject();
    }
    b.startObject(5);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, TYPES[t.type], 0);
    b.addFieldInt32(2, tensorBuffer[i], 0);
    b.addFieldOffset(3, name, 0);
    if (quantization) b.addFieldOffset(4, quantization, 0);
    return b.endObject();
  });

  // Operator codes: one per distinct (op, custom name), in first-use order.
  const codeKeys = [];
  for (const o of spec.operators) {
    const key = o.custom ? `CUSTOM:${o.custom}` : o.op;
    if (!codeKeys.includes(key)) codeKeys.push(key);
  }
  const codeOffsets = codeKeys.map((key) => {
    const custom = key.startsWith('CUSTOM:') ? b.createString(key.slice(7)) : 0;
    const code = custom ? OPS.CUSTOM : OPS[key];
    if (code === undefined) throw new Error(`unknown op ${key}`);
    b.startObject(4);
    b.addFieldInt8(0, Math.min(code, 127), 0);
    if (custom) b.addFieldOffset(1, custom, 0);
    b.addFieldInt32(2, 1, 0);
    b.addFieldInt32(3, code, 0);
    return b.endObject();
  });

  const operatorOffsets = spec.operators.map((o) => {
    const inputs = int32Vector(b, o.inputs);
    const outputs = int32Vector(b, o.outputs);
    const options = o.options ? optionsTable(b, o.options) : 0;
    b.startObject(5);
    b.addFieldInt32(0, codeKeys.indexOf(o.custom ? `CUSTOM:${o.custom}` : o.op), 0);
    b.addFieldOffset(1, inputs, 0);
    b.addFieldOffset(2, outputs, 0);
    if (options) {
      b.addFieldInt8(3, o.options.type, 0);
      b.addFieldOffset(4, options, 0);
    }
    return b.endObject();
  });

  const tensors = offsetVector(b, tensorOffsets);
  const inputs = int32Vector(b, spec.inputs);
  const outputs = int32Vector(b, spec.outputs);
  const operators = offsetVector(b, operatorOffsets);
  const subgraphName = b.createString('main');
  b.startObject(5);
  b.addFieldOffset(0, tensors, 0);
  b.addFieldOffset(1, inputs, 0);
  b.addFieldOffset(2, outputs, 0);
  b.addFieldOffset(3, operators, 0);
  b.addFieldOffset(4, subgraphName, 0);
  const subgraph = b.endObject();

  const subgraphs = offsetVector(b, [subgraph]);
  const codes = offsetVector(b, codeOffsets);
  const buffers = offsetVector(b, bufferOffsets);
  const description = b.createString(spec.description || 'FaceAccord golden test model');
  b.startObject(5);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, codes, 0);
  b.addFieldOffset(2, subgraphs, 0);
  b.addFieldOffset(3, description, 0);
  b.addFieldOffset(4, buffers, 0);
  const model = b.endObject();
  b.finish(model, 'TFL3');
  return Buffer.from(b.asUint8Array());
}

module.exports = { writeModel, OPS, OPTIONS, TYPES, PADDING, ACT };
