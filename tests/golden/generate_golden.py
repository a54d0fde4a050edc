#!/usr/bin/python3
"""Writes the golden fixtures tests/js/attention.test.mjs checks multiHeadAttention against.

Run:  /usr/bin/python3 tests/golden/generate_golden.py   (needs Debian's python3-torch; the
tests only read the committed JSON, so they need no PyTorch).

Each fixture is torch.nn.MultiheadAttention(batch_first=True) on one batch with seeded random
float32 inputs and weights; the expected output and per-head weights (need_weights=True,
average_attn_weights=False) are computed by the same module in float64, so they are the exact
answer for the float32 inputs up to ~1e-15. Masks are boolean with True = blocked.
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def fixture(name, description, tq, tk, embed_dim, num_heads, kdim=None, vdim=None, self_attn=False,
            causal=False, key_padding=None, seed=0):
    torch.manual_seed(seed)
    kdim = kdim or embed_dim
    vdim = vdim or embed_dim
    mha = torch.nn.MultiheadAttention(embed_dim, num_heads, bias=True, kdim=kdim, vdim=vdim,
                                      batch_first=True)
    # PyTorch initializes biases to 0; random biases make the fixture check them too.
    with torch.no_grad():
        mha.in_proj_bias.uniform_(-0.5, 0.5)
        mha.out_proj.bias.uniform_(-0.5, 0.5)
    query = torch.randn(1, tq, embed_dim)
    key = query if self_attn else torch.randn(1, tk, kdim)
    value = query if self_attn else torch.randn(1, tk, vdim)
    attn_mask = torch.triu(torch.ones(tq, tk, dtype=torch.bool), diagonal=1 + tk - tq) if causal else None
    kpm = torch.tensor([key_padding], dtype=torch.bool) if key_padding is not None else None

    args = {'query': flat(query), 'tq': tq, 'embedDim': embed_dim, 'numHeads': num_heads}
    if not self_attn:
        args.update({'key': flat(key), 'value': flat(value), 'tk': tk, 'kdim': kdim, 'vdim': vdim})
    if mha._qkv_same_embed_dim:
        args['inProjWeight'] = flat(mha.in_proj_weight)
    else:
        args.update({'qProjWeight': flat(mha.q_proj_weight), 'kProjWeight': flat(mha.k_proj_weight),
                     'vProjWeight': flat(mha.v_proj_weight)})
    args.update({'inProjBias': flat(mha.in_proj_bias), 'outProjWeight': flat(mha.out_proj.weight),
                 'outProjBias': flat(mha.out_proj.bias)})
    if causal:
        args['causal'] = True
    if key_padding is not None:
        args['keyPaddingMask'] = [1 if x else 0 for x in key_padding]

    mha64 = mha.double()
    with torch.no_grad():
        out, weights = mha64(query.double(), key.double(), value.double(), key_padding_mask=kpm,
                             attn_mask=attn_mask, need_weights=True, average_attn_weights=False)
    return {
        'name': name,
        'description': description,
        'generator': f'tests/golden/generate_golden.py with torch {torch.__version__} (float64 reference)',
        'args': args,
        'expected': {'output': flat(out[0]), 'weights': flat(weights[0]),
                     'outputShape': [tq, embed_dim], 'weightsShape': [num_heads, tq, tk]},
    }


FIXTURES = [
    fixture('self', 'self attention, 5 tokens, E 8, 2 heads, packed in_proj', 5, 5, 8, 2,
            self_attn=True, seed=1),
    fixture('causal', 'causal self attention, 6 tokens, E 12, 3 heads (head width 4)', 6, 6, 12, 3,
            self_attn=True, causal=True, seed=2),
    fixture('cross', 'cross attention, 3 queries over 7 keys, E 10, 2 heads (width 5), kdim 6, vdim 9',
            3, 7, 10, 2, kdim=6, vdim=9, seed=3),
    fixture('padding', 'cross attention with key padding, 4 queries over 6 keys, E 12, 4 heads (width 3)',
            4, 6, 12, 4, key_padding=[False, False, False, True, False, True], seed=4),
]

if __name__ == '__main__':
    for f in FIXTURES:
        path = os.path.join(HERE, f"mha_{f['name']}.json")
        with open(path, 'w') as out:
            out.write('{"_generated": "by tests/golden/generate_golden.py (run with /usr/bin/python3); do not edit",\n')
            body = json.dumps(f, separators=(',', ':'))
            out.write(body[1:])
            out.write('\n')
        print('wrote', os.path.relpath(path))
