#!/usr/bin/python3
"""Writes tiny random checkpoints in the exact Hugging Face hub layouts, and the logits and
attention probabilities of each from a float64 PyTorch implementation of GPT-2 and BERT written
from their definitions (layer helpers of ../generate_nn_golden.py: LayerNorm, GELU, attention),
into this folder. The tests (tests/cpp/io/hub_checkpoint_test.cpp,
tests/js/checkpoint.test.mjs, tests/browser/checkpoint.test.mjs) open the checkpoints with our
loader and compare.

Run:  /usr/bin/python3 tests/golden/checkpoints/generate_checkpoints.py   (Debian's python3-torch;
the tests only read the committed files).

Checkpoints (C = 16, 2 heads of 8, 2 layers, MLP 64, 8 positions):
  gpt2_f32.safetensors         gpt2's layout: no prefix, h.N.attn.bias mask buffers, F32
  gpt2_prefix_f16.safetensors  distilgpt2's: "transformer." names, h.N.attn.masked_bias, an
                               lm_head.weight equal to wte (stored before it), F16
  bert_decoder.safetensors     bert-base's: "bert." body, cls.predictions with the decoder
                               weight and bias, pooler and NSP head, position_ids (I64), F32
  bert_nodecoder.safetensors   the same without the decoder tensors (tied: left out), BF16
  bert_gamma.safetensors       older names: LayerNorm gamma/beta, F32
  bert_vocab.txt               the BERT checkpoints' 40-token vocabulary (uncased WordPiece)
and references.json: per checkpoint {ids, types, logits (T*V), attention: [(H*T*T) per layer]}.
F16/BF16 references are computed from the rounded weights, so they are exact for the file.
"""
import json
import math
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from generate_nn_golden import attention, flat, gelu, layernorm, linear  # noqa: E402

torch.set_default_dtype(torch.float64)
C, H, L, F, P = 16, 2, 2, 64, 8
GPT2_V = 61
VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'un', '##aff', '##able', 'the', 'cat',
         'sat', 'on', 'mat', 'a', 'dog', '.', ',', '!', 'is', 'was', 'it', 'he', 'she', 'they',
         'run', '##ning', '##s', 'big', 'small', 'red', 'blue', 'cafe', 'hello', 'world', '?',
         'and', 'or', 'not', 'in', 'of']


def rand(g, *shape, scale=0.3, offset=0.0):
    return (torch.randn(*shape, generator=g, dtype=torch.float32) * scale + offset).to(torch.float64)


def gpt2_params(g, V):
    """GPT-2's tensors, names without prefix, Conv1D weights (in, out)."""
    p = {'wte.weight': rand(g, V, C), 'wpe.weight': rand(g, P, C)}
    for l in range(L):
        h = f'h.{l}.'
        for ln in ('ln_1', 'ln_2'):
            p[h + ln + '.weight'] = rand(g, C, scale=0.1, offset=1.0)
            p[h + ln + '.bias'] = rand(g, C, scale=0.1)
        p[h + 'attn.c_attn.weight'] = rand(g, C, 3 * C)
        p[h + 'attn.c_attn.bias'] = rand(g, 3 * C, scale=0.1)
        p[h + 'attn.c_proj.weight'] = rand(g, C, C)
        p[h + 'attn.c_proj.bias'] = rand(g, C, scale=0.1)
        p[h + 'mlp.c_fc.weight'] = rand(g, C, F)
        p[h + 'mlp.c_fc.bias'] = rand(g, F, scale=0.1)
        p[h + 'mlp.c_proj.weight'] = rand(g, F, C, scale=0.15)
        p[h + 'mlp.c_proj.bias'] = rand(g, C, scale=0.1)
    p['ln_f.weight'] = rand(g, C, scale=0.1, offset=1.0)
    p['ln_f.bias'] = rand(g, C, scale=0.1)
    return p


def gpt2_forward(p, ids):
    """GPT-2 (pre-LN, causal, tanh GELU, eps 1e-5, output tied to wte) -> logits, [att]."""
    T = len(ids)
    x = p['wte.weight'][ids] + p['wpe.weight'][:T]
    atts = []
    for l in range(L):
        h = f'h.{l}.'
        a = layernorm(x, p[h + 'ln_1.weight'], p[h + 'ln_1.bias'], 1e-5)
        qkv = a @ p[h + 'attn.c_attn.weight'] + p[h + 'attn.c_attn.bias']
        q, k, v = qkv.split(C, dim=-1)
        y, att = attention(q[None], k[None], v[None], H, causal=True)
        atts.append(att[0])
        x = x + y[0] @ p[h + 'attn.c_proj.weight'] + p[h + 'attn.c_proj.bias']
        m = layernorm(x, p[h + 'ln_2.weight'], p[h + 'ln_2.bias'], 1e-5)
        m = gelu(m @ p[h + 'mlp.c_fc.weight'] + p[h + 'mlp.c_fc.bias'], 'gelu_tanh')
        x = x + m @ p[h + 'mlp.c_proj.weight'] + p[h + 'mlp.c_proj.bias']
    x = layernorm(x, p['ln_f.weight'], p['ln_f.bias'], 1e-5)
    return x @ p['wte.weight'].T, atts


def bert_params(g, V):
    """BertForMaskedLM's tensors (HF names), Linear weights (out, in)."""
    def ln(name):
        p[name + '.weight'] = rand(g, C, scale=0.1, offset=1.0)
        p[name + '.bias'] = rand(g, C, scale=0.1)

    def dense(name, out, inp, scale=0.3):
        p[name + '.weight'] = rand(g, out, inp, scale=scale)
        p[name + '.bias'] = rand(g, out, scale=0.1)

    e = 'bert.embeddings.'
    p = {e + 'word_embeddings.weight': rand(g, V, C), e + 'position_embeddings.weight': rand(g, P, C),
         e + 'token_type_embeddings.weight': rand(g, 2, C)}
    ln(e + 'LayerNorm')
    for l in range(L):
        b = f'bert.encoder.layer.{l}.'
        for name in ('query', 'key', 'value'):
            dense(b + 'attention.self.' + name, C, C)
        dense(b + 'attention.output.dense', C, C)
        ln(b + 'attention.output.LayerNorm')
        dense(b + 'intermediate.dense', F, C)
        dense(b + 'output.dense', C, F, scale=0.15)
        ln(b + 'output.LayerNorm')
    dense('bert.pooler.dense', C, C)
    dense('cls.predictions.transform.dense', C, C)
    ln('cls.predictions.transform.LayerNorm')
    p['cls.predictions.bias'] = rand(g, V, scale=0.1)
    dense('cls.seq_relationship', 2, C)
    return p


def bert_forward(p, ids, types):
    """BERT (post-LN, bidirectional, exact GELU, eps 1e-12) + MLM head -> logits, [att]."""
    T = len(ids)
    e = 'bert.embeddings.'
    x = p[e + 'word_embeddings.weight'][ids] + p[e + 'position_embeddings.weight'][:T]
    x = x + p[e + 'token_type_embeddings.weight'][types]
    x = layernorm(x, p[e + 'LayerNorm.weight'], p[e + 'LayerNorm.bias'], 1e-12)

    def dense(name, t):
        return linear(t, p[name + '.weight'], p[name + '.bias'])

    def norm(name, t):
        return layernorm(t, p[name + '.weight'], p[name + '.bias'], 1e-12)

    atts = []
    for l in range(L):
        b = f'bert.encoder.layer.{l}.'
        q, k, v = (dense(b + 'attention.self.' + n, x) for n in ('query', 'key', 'value'))
        y, att = attention(q[None], k[None], v[None], H, causal=False)
        atts.append(att[0])
        x = norm(b + 'attention.output.LayerNorm', x + dense(b + 'attention.output.dense', y[0]))
        m = gelu(dense(b + 'intermediate.dense', x), 'gelu')
        x = norm(b + 'output.LayerNorm', x + dense(b + 'output.dense', m))
    t = norm('cls.predictions.transform.LayerNorm',
             gelu(dense('cls.predictions.transform.dense', x), 'gelu'))
    logits = t @ p[e + 'word_embeddings.weight'].T + p['cls.predictions.bias']
    return logits, atts


DTYPES = {'F32': (torch.float32, 4), 'F16': (torch.float16, 2), 'BF16': (torch.bfloat16, 2),
          'I64': (torch.int64, 8)}


def rounded(p, dtype):
    """The weights as the file will hold them (F16/BF16 rounding), back in float64."""
    return {k: v.to(DTYPES[dtype][0]).to(torch.float64) for k, v in p.items()}


def write_safetensors(path, tensors):
    """tensors: [(name, tensor, dtype)] in file order -> a safetensors file."""
    header, blobs, offset = {}, [], 0
    for name, t, dtype in tensors:
        torch_dtype, size = DTYPES[dtype]
        data = t.to(torch_dtype).contiguous()
        raw = data.view(torch.int16).numpy().tobytes() if size == 2 else data.numpy().tobytes()
        header[name] = {'dtype': dtype, 'shape': list(t.shape),
                        'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':'))
    text += ' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text.encode() + b''.join(blobs))


def reference(forward, p, ids, types=None):
    logits, atts = forward(p, ids) if types is None else forward(p, ids, types)
    out = {'ids': ids, 'logits': flat(logits), 'attention': [flat(a) for a in atts]}
    if types is not None:
        out['types'] = types
    return out


def main():
    g = torch.Generator().manual_seed(17)
    refs = {}
    gpt2 = gpt2_params(g, GPT2_V)
    ids = [3, 17, 60, 0, 42, 42, 9]
    buffers = [(f'h.{l}.attn.bias', torch.tril(torch.ones(1, 1, P, P)), 'F32') for l in range(L)]
    write_safetensors(os.path.join(HERE, 'gpt2_f32.safetensors'),
                      [(k, v, 'F32') for k, v in gpt2.items()] + buffers)
    refs['gpt2_f32'] = reference(gpt2_forward, rounded(gpt2, 'F32'), ids)
    # distilgpt2's naming, sorted by name as the safetensors library writes: lm_head first
    prefixed = {'transformer.' + k: v for k, v in gpt2.items()}
    prefixed.update({f'transformer.h.{l}.attn.masked_bias': torch.tensor(-1e4) for l in range(L)})
    prefixed['lm_head.weight'] = gpt2['wte.weight']
    write_safetensors(os.path.join(HERE, 'gpt2_prefix_f16.safetensors'),
                      [(k, prefixed[k], 'F16') for k in sorted(prefixed)])
    refs['gpt2_prefix_f16'] = reference(gpt2_forward, rounded(gpt2, 'F16'), ids)

    bert = bert_params(g, len(VOCAB))
    ids, types = [2, 5, 6, 7, 4, 9, 3], [0, 0, 0, 0, 1, 1, 1]
    ref = reference(bert_forward, rounded(bert, 'F32'), ids, types)
    decoder = {'cls.predictions.decoder.weight': bert['bert.embeddings.word_embeddings.weight'],
               'cls.predictions.decoder.bias': bert['cls.predictions.bias']}
    position_ids = ('bert.embeddings.position_ids', torch.arange(P)[None], 'I64')
    write_safetensors(os.path.join(HERE, 'bert_decoder.safetensors'),
                      [(k, v, 'F32') for k, v in {**bert, **decoder}.items()] + [position_ids])
    refs['bert_decoder'] = ref
    write_safetensors(os.path.join(HERE, 'bert_nodecoder.safetensors'),
                      [(k, v, 'BF16') for k, v in bert.items()])
    refs['bert_nodecoder'] = reference(bert_forward, rounded(bert, 'BF16'), ids, types)
    old = {k.replace('LayerNorm.weight', 'LayerNorm.gamma').replace('LayerNorm.bias', 'LayerNorm.beta'): v
           for k, v in bert.items()}
    write_safetensors(os.path.join(HERE, 'bert_gamma.safetensors'), [(k, v, 'F32') for k, v in old.items()])
    refs['bert_gamma'] = ref
    with open(os.path.join(HERE, 'bert_vocab.txt'), 'w') as f:
        f.write('\n'.join(VOCAB) + '\n')
    with open(os.path.join(HERE, 'references.json'), 'w') as f:
        json.dump({'config': {'n_head': H}, 'checkpoints': refs}, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
