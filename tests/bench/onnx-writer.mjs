// onnx-writer: writes an ONNX model (a ModelProto) as raw protobuf bytes, from a plain
// description of its nodes, initializers, inputs and outputs. Only what the benchmark's
// attention graphs need: float32 and int64 tensors, int/float/ints attributes, symbolic
// dimensions. Field numbers are those of onnx/onnx.proto; bench-attention.mjs runs python3-onnx's
// checker on the graphs (tests/bench/check-onnx.py). Benchmark-only code.
//
//   const bytes = onnxModel({ opsets: { '': 17, 'com.microsoft': 1 },
//     inputs: [['x', ['n', 64]]], outputs: [['y', ['n', 64]]],
//     initializers: { w: { dims: [64, 64], data: Float32Array } },
//     nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], attrs: { axis: 1 }, domain }] });

// Protobuf wire format: each field is a varint key (field number << 3 | wire type) followed by
// a varint (type 0), a length-prefixed byte string or message (type 2) or 4 bytes (type 5).
class Writer {
  constructor() {
    this.parts = [];
  }
  varint(v) {
    let x = BigInt.asUintN(64, BigInt(v));
    const out = [];
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x) b |= 0x80;
      out.push(b);
    } while (x);
    this.parts.push(Uint8Array.from(out));
    return this;
  }
  key(field, type) {
    return this.varint((field << 3) | type);
  }
  int(field, v) {
    return this.key(field, 0).varint(v);
  }
  bytes(field, data) {
    this.key(field, 2).varint(data.length);
    this.parts.push(data);
    return this;
  }
  string(field, s) {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  message(field, build) {
    const w = new Writer();
    build(w);
    return this.bytes(field, w.finish());
  }
  float(field, v) {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.parts.push(b);
    return this;
  }
  finish() {
    const n = this.parts.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of this.parts) (out.set(p, o), (o += p.length));
    return out;
  }
}

const FLOAT = 1;
const INT64 = 7;

// TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian).
function tensor(w, name, { dims, data }) {
  for (const d of dims) w.int(1, d);
  const isInt = data instanceof BigInt64Array;
  w.int(2, isInt ? INT64 : FLOAT).string(8, name);
  w.bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

// AttributeProto: name 1, f 2, i 3, ints 8, type 20 (FLOAT 1, INT 2, INTS 7).
function attribute(w, name, value) {
  w.string(1, name);
  if (Array.isArray(value)) {
    for (const v of value) w.int(8, v);
    w.int(20, 7);
  } else if (Number.isInteger(value)) w.int(3, value).int(20, 2);
  else w.float(2, value).int(20, 1);
}

// ValueInfoProto: name 1, type 2 -> TypeProto.tensor_type 1 -> elem_type 1, shape 2 ->
// dim 1 -> dim_value 1 | dim_param 2.
// elemType 'int64' for an integer input (token ids), float32 otherwise.
function valueInfo(w, name, shape, elemType) {
  w.string(1, name).message(2, (t) =>
    t.message(1, (tt) =>
      tt.int(1, elemType === 'int64' ? INT64 : FLOAT).message(2, (s) => {
        for (const d of shape) s.message(1, (dim) => (typeof d === 'string' ? dim.string(2, d) : dim.int(1, d)));
      }),
    ),
  );
}

/** ModelProto bytes for the described graph (see the header). */
export function onnxModel({ opsets, inputs, outputs, initializers, nodes, name = 'graph' }) {
  const w = new Writer();
  w.int(1, 8); // ir_version 8 (ONNX 1.10+)
  w.string(2, 'attention-playground bench');
  w.message(7, (g) => {
    nodes.forEach((n, i) =>
      g.message(1, (nw) => {
        for (const x of n.inputs) nw.string(1, x);
        for (const y of n.outputs) nw.string(2, y);
        nw.string(3, `${n.op}_${i}`).string(4, n.op);
        for (const [k, v] of Object.entries(n.attrs ?? {})) nw.message(5, (a) => attribute(a, k, v));
        if (n.domain) nw.string(7, n.domain);
      }),
    );
    g.string(2, name);
    for (const [k, t] of Object.entries(initializers)) g.message(5, (tw) => tensor(tw, k, t));
    for (const [k, shape, type] of inputs) g.message(11, (v) => valueInfo(v, k, shape, type));
    for (const [k, shape] of outputs) g.message(12, (v) => valueInfo(v, k, shape));
  });
  for (const [domain, version] of Object.entries(opsets)) w.message(8, (o) => o.string(1, domain).int(2, version));
  return w.finish();
}
