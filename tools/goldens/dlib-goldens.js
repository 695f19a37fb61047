// Golden outputs of face-api's own FaceRecognitionNet (the dlib ResNet, 150x150 RGB -> 128-d descriptor),
// computed on the TF.js CPU backend, so the C# ONNX graph built by DlibResNetBuilder can be checked against it.
//
// Usage (from tools/goldens, after `npm ci`):
//   node dlib-goldens.js [faceApiModelDir] [outFile]
// Defaults: ./node_modules/@vladmandic/face-api/model and
//           ../../tests/FaceAccord.Models.Tests/Goldens/dlib/face-recognition.json
//
// Input (identical in DlibGoldenInput.cs): a batch of 2 synthetic 150x150 RGB images, raw 0..255 values,
//   pixel(n, y, x, c) = 127.5 + 127.5 * sin(0.05 * x * (c + 1) + 0.07 * y + 0.3 * n)
// computed in double precision and stored as float32, NHWC. The tensors are fed exactly 150x150, so face-api's
// toBatchTensor neither pads nor resizes; its own mean subtraction and division happen inside forwardInput.
'use strict';

const fs = require('fs');
const path = require('path');
const { register } = require('module');

// face-api's no-bundle ESM build imports '@tensorflow/tfjs/dist/index.js' (bundler-style ESM that Node cannot
// load) and re-exports the WebGL and WASM backends. A resolve hook hands it the one CommonJS @tensorflow/tfjs
// instance this script also uses (so tensors are shared), and empty modules for the GPU/WASM backends: only
// the CPU backend is wanted, and WASM is not installed.
const tf = require('@tensorflow/tfjs');
globalThis.__faceaccordTf = tf;
const names = Object.keys(tf).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
const tfShim = `const t = globalThis.__faceaccordTf; export const { ${names.join(', ')} } = t; export default t;`;
const stub = 'data:text/javascript,export {};';
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === '@tensorflow/tfjs/dist/index.js') {
    return { url: ${JSON.stringify('data:text/javascript,' + encodeURIComponent(tfShim))}, shortCircuit: true };
  }
  if (specifier.startsWith('@tensorflow/tfjs-backend-wasm') || specifier.startsWith('@tensorflow/tfjs-backend-webgl')) {
    return { url: ${JSON.stringify(stub)}, shortCircuit: true };
  }
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));

const SIZE = 150;
const BATCH = 2;

function syntheticPixels(n) {
  const values = new Float32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      for (let c = 0; c < 3; c++) {
        values[(((y * SIZE) + x) * 3) + c] = 127.5 + (127.5 * Math.sin((0.05 * x * (c + 1)) + (0.07 * y) + (0.3 * n)));
      }
    }
  }
  return values;
}

async function main() {
  const modelDir = path.resolve(process.argv[2] || path.join(__dirname, 'node_modules/@vladmandic/face-api/model'));
  const outFile = path.resolve(process.argv[3] || path.join(__dirname, '../../tests/FaceAccord.Models.Tests/Goldens/dlib/face-recognition.json'));

  const faceapi = await import('@vladmandic/face-api/dist/face-api.esm-nobundle.js');
  await tf.setBackend('cpu');
  await tf.ready();

  // Weights straight from the package folder: TF.js decodes (and dequantises) them, face-api maps them.
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'face_recognition_model-weights_manifest.json'), 'utf8'));
  const buffers = manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(modelDir, p))));
  const all = Buffer.concat(buffers);
  const weightMap = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.length), manifest.flatMap((g) => g.weights));
  const net = new faceapi.FaceRecognitionNet();
  net.loadFromWeightMap(weightMap);

  const images = [];
  for (let n = 0; n < BATCH; n++) images.push(tf.tensor3d(syntheticPixels(n), [SIZE, SIZE, 3], 'float32'));
  const netInput = await faceapi.toNetInput(images);
  const output = net.forwardInput(netInput);
  if (output.shape.join(',') !== `${BATCH},128`) throw new Error(`unexpected output shape ${output.shape}`);
  const values = Array.from(await output.data());

  const embeddings = [];
  for (let n = 0; n < BATCH; n++) embeddings.push(values.slice(n * 128, (n + 1) * 128));
  const golden = {
    source: '@vladmandic/face-api@1.7.15 FaceRecognitionNet.forwardInput, weights face_recognition_model-weights_manifest.json',
    runtime: `@tensorflow/tfjs@${tf.version.tfjs} backend=${tf.getBackend()}`,
    input: 'NHWC [2,150,150,3] raw 0..255 RGB, pixel(n,y,x,c)=127.5+127.5*sin(0.05*x*(c+1)+0.07*y+0.3*n) in double, stored as float32',
    output: 'embedding [2,128], before any L2 normalisation',
    maxAbs: Math.max(...values.map(Math.abs)),
    embeddings,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(golden, null, 1) + '\n');
  console.log(`wrote ${outFile} (max |v| = ${golden.maxAbs})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
