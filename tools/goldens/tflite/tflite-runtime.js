// Runs .tflite models with the TFLite interpreter itself: the WebAssembly build shipped in
// @tensorflow/tfjs-tflite (TFLite's C++ runtime with its builtin kernels and the XNNPACK CPU delegate),
// loaded directly in Node without the browser wrapper. One thread, so results do not depend on the machine.
'use strict';

const fs = require('fs');
const path = require('path');

const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm');

async function loadRuntime() {
  const factory = require(path.join(wasmDir, 'tflite_web_api_cc.js'));
  const logs = [];
  const module = await factory({
    wasmBinary: fs.readFileSync(path.join(wasmDir, 'tflite_web_api_cc.wasm')),
    print: (s) => logs.push(s),
    printErr: (s) => logs.push(s),
  });

  // inputs: Float32Array per model input, in the model's input order. Returns every output.
  function run(modelBytes, inputs) {
    const pointer = module._malloc(modelBytes.length);
    module.HEAPU8.set(modelBytes, pointer);
    const created = module.TFLiteWebModelRunner.CreateFromBufferAndOptions(
      pointer, modelBytes.length, { numThreads: 1, enableProfiling: false, maxProfilingBufferEntries: 1024 });
    if (!created.ok()) {
      module._free(pointer);
      throw new Error(`TFLite refused the model: ${created.errorMessage()} ${logs.join(' ')}`);
    }
    const runner = created.value();
    try {
      const modelInputs = runner.GetInputs();
      if (modelInputs.size() !== inputs.length) throw new Error(`the model has ${modelInputs.size()} inputs, ${inputs.length} given`);
      for (let i = 0; i < inputs.length; i++) {
        const target = modelInputs.get(i).data();
        if (target.length !== inputs[i].length) throw new Error(`input ${i} holds ${target.length} values, ${inputs[i].length} given`);
        target.set(inputs[i]);
      }
      if (!runner.Infer()) throw new Error(`TFLite inference failed: ${logs.join(' ')}`);
      const modelOutputs = runner.GetOutputs();
      const result = [];
      for (let i = 0; i < modelOutputs.size(); i++) {
        const o = modelOutputs.get(i);
        result.push({ name: o.name, shape: String(o.shape).split(',').map(Number), data: Float32Array.from(o.data()) });
      }
      return result;
    } finally {
      runner.delete();
      module._free(pointer);
    }
  }

  return { run };
}

module.exports = { loadRuntime };
