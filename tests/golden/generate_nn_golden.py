#!/usr/bin/python3
"""Writes the golden fixtures the engine's tests (tests/cpp/nn, tests/cpp/train, tests/cpp/io,
tests/js/transformer.test.mjs) compare against, into tests/golden/nn/: nn_layers.json,
nn_gpt2.json, nn_bert.json, nn_attnonly.json and nn_gpt2.safetensors (a folder of their own:
tests/js/attention.test.mjs reads every tests/golden/*.json as a multi-head fixture).

Run:  /usr/bin/python3 tests/golden/generate_nn_golden.py   (Debian's python3-torch; the tests
only read the committed files).

Everything is written from the definitions in plain torch ops (no nn.Transformer*), in float64,
with inputs and parameters that are exact float32 values, so the fixtures are the exact answer
for the float32 inputs up to ~1e-15 and the C++ float32 code is compared against that.
Gradients come from torch.autograd of sum(out * dout) (layers, with a random dout) or of the
mean cross-entropy over counted targets (models, ignore index -1). The ten AdamW steps use
torch.optim.AdamW with weight decay only on tensors with >= 2 dimensions.
Numbers are rounded to 10 significant digits to keep the files small (far below the tests'
1e-4 tolerance).
"""
import json
import math
import os
import struct

import torch

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'nn')
torch.set_default_dtype(torch.float64)


def f32(*shape, scale=1.0, gen=None):
    """Random values that are exact float32 numbers, as float64."""
    return (torch.randn(*shape, generator=gen, dtype=torch.float32) * scale).to(torch.float64)


def flat(t):
    return [float(f'{x:.10g}') for x in t.detach().reshape(-1).tolist()]


def write(name, obj):
    with open(os.path.join(HERE, name), 'w') as f:
        json.dump(obj, f, separators=(',', ':'))
        f.write('\n')


# ---- layers, from their definitions ----

def layernorm(x, w, b, eps):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * w + b


def gelu(x, kind):
    if kind == 'gelu_tanh':
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))


def attention(q, k, v, H, causal, key_padding=None):
    """q (B, Tq, C), k, v (B, Tk, C) -> out (B, Tq, C), att (B, H, Tq, Tk)."""
    B, Tq, C = q.shape
    Tk = k.shape[1]
    hs = C // H
    qh = q.view(B, Tq, H, hs).transpose(1, 2)
    kh = k.view(B, Tk, H, hs).transpose(1, 2)
    vh = v.view(B, Tk, H, hs).transpose(1, 2)
    s = qh @ kh.transpose(-1, -2) / math.sqrt(hs)
    if causal:
        blocked = torch.triu(torch.ones(Tq, Tk, dtype=torch.bool), diagonal=1 + Tk - Tq)
        s = s.masked_fill(blocked, float('-inf'))
    if key_padding is not None:
        s = s.masked_fill(key_padding[:, None, None, :].bool(), float('-inf'))
    att = torch.softmax(s, dim=-1)
    out = (att @ vh).transpose(1, 2).reshape(B, Tq, C)
    return out, att


def linear(x, w, b=None):
    y = x @ w.T
    return y if b is None else y + b


def grads_of(out, inputs, dout):
    return torch.autograd.grad((out * dout).sum(), inputs)


def layer_fixtures():
    g = torch.Generator().manual_seed(1)
    fx = {}
    # LayerNorm N=5, C=7 (means far from 0 to test the two-pass variance)
    x = (f32(5, 7, gen=g) + 3).requires_grad_()
    w = (1 + f32(7, scale=0.3, gen=g)).requires_grad_()
    b = f32(7, scale=0.3, gen=g).requires_grad_()
    out = layernorm(x, w, b, 1e-5)
    dout = f32(5, 7, gen=g)
    dx, dw, db = grads_of(out, (x, w, b), dout)
    fx['layernorm'] = {'N': 5, 'C': 7, 'eps': 1e-5, 'inp': flat(x), 'weight': flat(w), 'bias': flat(b),
                       'dout': flat(dout), 'out': flat(out), 'dinp': flat(dx), 'dweight': flat(dw), 'dbias': flat(db)}
    # matmul N=5, C=7, OC=9
    x = f32(5, 7, gen=g).requires_grad_()
    w = f32(9, 7, scale=0.5, gen=g).requires_grad_()
    b = f32(9, gen=g).requires_grad_()
    out = linear(x, w, b)
    dout = f32(5, 9, gen=g)
    dx, dw, db = grads_of(out, (x, w, b), dout)
    fx['matmul'] = {'N': 5, 'C': 7, 'OC': 9, 'inp': flat(x), 'weight': flat(w), 'bias': flat(b),
                    'dout': flat(dout), 'out': flat(out), 'dinp': flat(dx), 'dweight': flat(dw), 'dbias': flat(db)}
    # GELU, both forms
    for kind in ('gelu_tanh', 'gelu'):
        x = f32(13, scale=2.0, gen=g).requires_grad_()
        out = gelu(x, kind)
        dout = f32(13, gen=g)
        (dx,) = grads_of(out, (x,), dout)
        fx[kind] = {'n': 13, 'inp': flat(x), 'dout': flat(dout), 'out': flat(out), 'dinp': flat(dx)}
    # attention: causal self, bidirectional self with key padding, cross (Tq != Tk) with padding
    cases = {'attention_causal': (7, 7, True, None),
             'attention_padding': (7, 7, False, [[0] * 7, [0, 0, 0, 0, 0, 1, 1]]),
             'attention_cross': (5, 7, False, [[0] * 7, [0, 0, 0, 0, 1, 1, 1]])}
    for name, (Tq, Tk, causal, pad) in cases.items():
        B, C, H = 2, 16, 4
        q = f32(B, Tq, C, gen=g).requires_grad_()
        k = f32(B, Tk, C, gen=g).requires_grad_()
        v = f32(B, Tk, C, gen=g).requires_grad_()
        kp = torch.tensor(pad, dtype=torch.uint8) if pad else None
        out, att = attention(q, k, v, H, causal, kp)
        dout = f32(B, Tq, C, gen=g)
        dq, dk, dv = grads_of(out, (q, k, v), dout)
        fx[name] = {'B': B, 'Tq': Tq, 'Tk': Tk, 'C': C, 'H': H, 'causal': causal,
                    'key_padding': [x for row in pad for x in row] if pad else None,
                    'q': flat(q), 'k': flat(k), 'v': flat(v), 'dout': flat(dout), 'out': flat(out),
                    'att': flat(att), 'dq': flat(dq), 'dk': flat(dk), 'dv': flat(dv)}
    # a whole cross-attention layer: queries from x, keys/values from memory, with projections
    B, Tq, Tk, C, H = 2, 5, 7, 16, 4
    x, mem = f32(B, Tq, C, gen=g).requires_grad_(), f32(B, Tk, C, gen=g).requires_grad_()
    wq, wkv, wo = (f32(C, C, scale=0.25, gen=g).requires_grad_(), f32(2 * C, C, scale=0.25, gen=g).requires_grad_(),
                   f32(C, C, scale=0.25, gen=g).requires_grad_())
    bq, bkv, bo = (f32(C, scale=0.1, gen=g).requires_grad_(), f32(2 * C, scale=0.1, gen=g).requires_grad_(),
                   f32(C, scale=0.1, gen=g).requires_grad_())
    kv = linear(mem, wkv, bkv)
    y, att = attention(linear(x, wq, bq), kv[..., :C], kv[..., C:], H, False)
    out = linear(y, wo, bo)
    dout = f32(B, Tq, C, gen=g)
    grads = grads_of(out, (x, mem, wq, bq, wkv, bkv, wo, bo), dout)
    fx['cross_attention_layer'] = {
        'B': B, 'Tq': Tq, 'Tk': Tk, 'C': C, 'H': H, 'x': flat(x), 'memory': flat(mem), 'wq': flat(wq),
        'bq': flat(bq), 'wkv': flat(wkv), 'bkv': flat(bkv), 'wo': flat(wo), 'bo': flat(bo), 'dout': flat(dout),
        'out': flat(out), 'att': flat(att),
        **{'d' + n: flat(t) for n, t in zip(('x', 'memory', 'wq', 'bq', 'wkv', 'bkv', 'wo', 'bo'), grads)}}
    # cross-entropy N=6, V=23 with two ignored targets
    logits = f32(6, 23, scale=2.0, gen=g).requires_grad_()
    targets = torch.tensor([3, -1, 22, 0, -1, 7])
    loss = torch.nn.functional.cross_entropy(logits, targets, ignore_index=-1)
    (dl,) = torch.autograd.grad(loss, (logits,))
    fx['cross_entropy'] = {'N': 6, 'V': 23, 'logits': flat(logits), 'targets': targets.tolist(),
                           'loss': float(loss), 'dlogits': flat(dl)}
    # embedding: tokens + learned positions + token types
    B, T, C, V, P, S = 2, 7, 16, 23, 9, 2
    wte, wpe, wtt = (f32(V, C, gen=g).requires_grad_(), f32(P, C, gen=g).requires_grad_(),
                     f32(S, C, gen=g).requires_grad_())
    ids = torch.randint(0, V, (B, T), generator=g)
    ids[0, 3] = ids[0, 1]  # a repeated token: its rows must add up in dwte
    types = torch.randint(0, S, (B, T), generator=g)
    out = wte[ids] + wpe[:T][None] + wtt[types]
    dout = f32(B, T, C, gen=g)
    dwte, dwpe, dwtt = grads_of(out, (wte, wpe, wtt), dout)
    fx['embedding'] = {'B': B, 'T': T, 'C': C, 'V': V, 'P': P, 'S': S, 'ids': ids.reshape(-1).tolist(),
                       'types': types.reshape(-1).tolist(), 'wte': flat(wte), 'wpe': flat(wpe), 'wtt': flat(wtt),
                       'dout': flat(dout), 'out': flat(out), 'dwte': flat(dwte), 'dwpe': flat(dwpe), 'dwtt': flat(dwtt)}
    write('nn_layers.json', fx)


# ---- whole models (names and layout as src/nn/parameters.h) ----

def param_shapes(cfg):
    V, C, F, P = cfg['vocab_size'], cfg['embed_dim'], cfg['mlp_dim'], cfg['max_positions']
    shapes = [('wte.weight', (V, C)), ('wpe.weight', (P, C))]
    if cfg['type_vocab_size']:
        shapes.append(('wtt.weight', (cfg['type_vocab_size'], C)))
    if cfg['norm'] == 'post':
        shapes += [('ln_e.weight', (C,)), ('ln_e.bias', (C,))]
    for l in range(cfg['num_layers']):
        p = f'h.{l}.'
        shapes += [(p + 'ln_1.weight', (C,)), (p + 'ln_1.bias', (C,)), (p + 'attn.c_attn.weight', (3 * C, C)),
                   (p + 'attn.c_attn.bias', (3 * C,)), (p + 'attn.c_proj.weight', (C, C)), (p + 'attn.c_proj.bias', (C,))]
        if F:
            shapes += [(p + 'ln_2.weight', (C,)), (p + 'ln_2.bias', (C,)), (p + 'mlp.c_fc.weight', (F, C)),
                       (p + 'mlp.c_fc.bias', (F,)), (p + 'mlp.c_proj.weight', (C, F)), (p + 'mlp.c_proj.bias', (C,))]
    if cfg['norm'] == 'pre':
        shapes += [('ln_f.weight', (C,)), ('ln_f.bias', (C,))]
    if not cfg['tie_embeddings']:
        shapes.append(('lm_head.weight', (V, C)))
    return shapes


def init_params(cfg, g):
    params = {}
    for name, shape in param_shapes(cfg):
        if 'ln_' in name and name.endswith('weight'):
            t = 1 + f32(*shape, scale=0.1, gen=g)
        elif len(shape) == 1:
            t = f32(*shape, scale=0.1, gen=g)
        else:
            t = f32(*shape, scale=0.2, gen=g)
        params[name] = t.requires_grad_()
    return params


def model_forward(cfg, P, ids, types, key_padding):
    B, T = ids.shape
    eps, act, H, post = cfg['layer_norm_eps'], cfg['activation'], cfg['num_heads'], cfg['norm'] == 'post'
    C = cfg['embed_dim']
    x = P['wte.weight'][ids] + P['wpe.weight'][:T][None]
    if cfg['type_vocab_size']:
        x = x + P['wtt.weight'][types]
    if post:
        x = layernorm(x, P['ln_e.weight'], P['ln_e.bias'], eps)
    atts = []
    for l in range(cfg['num_layers']):
        p = lambda n: P[f'h.{l}.' + n]
        a_in = x if post else layernorm(x, p('ln_1.weight'), p('ln_1.bias'), eps)
        qkv = linear(a_in, p('attn.c_attn.weight'), p('attn.c_attn.bias'))
        y, att = attention(qkv[..., :C], qkv[..., C:2 * C], qkv[..., 2 * C:], H, cfg['causal'], key_padding)
        atts.append(att)
        x = x + linear(y, p('attn.c_proj.weight'), p('attn.c_proj.bias'))
        if post:
            x = layernorm(x, p('ln_1.weight'), p('ln_1.bias'), eps)
        if cfg['mlp_dim']:
            m_in = x if post else layernorm(x, p('ln_2.weight'), p('ln_2.bias'), eps)
            h = gelu(linear(m_in, p('mlp.c_fc.weight'), p('mlp.c_fc.bias')), act)
            x = x + linear(h, p('mlp.c_proj.weight'), p('mlp.c_proj.bias'))
            if post:
                x = layernorm(x, p('ln_2.weight'), p('ln_2.bias'), eps)
    if not post:
        x = layernorm(x, P['ln_f.weight'], P['ln_f.bias'], eps)
    w_out = P['wte.weight'] if cfg['tie_embeddings'] else P['lm_head.weight']
    return x @ w_out.T, atts


def model_fixture(name, cfg, B, T, seed, adamw_steps=0, types=False, padding=None, ignore=()):
    g = torch.Generator().manual_seed(seed)
    P = init_params(cfg, g)
    ids = torch.randint(0, cfg['vocab_size'], (B, T), generator=g)
    tt = torch.randint(0, cfg['type_vocab_size'], (B, T), generator=g) if types else None
    kp = torch.tensor(padding, dtype=torch.uint8) if padding else None
    targets = torch.randint(0, cfg['vocab_size'], (B, T), generator=g)
    for b, t in ignore:
        targets[b, t] = -1
    V = cfg['vocab_size']
    logits, atts = model_forward(cfg, P, ids, tt, kp)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), targets.reshape(-1), ignore_index=-1)
    grads = torch.autograd.grad(loss, list(P.values()))
    fx = {'config': cfg, 'B': B, 'T': T, 'ids': ids.reshape(-1).tolist(),
          'types': tt.reshape(-1).tolist() if types else None,
          'key_padding': [x for row in padding for x in row] if padding else None,
          'targets': targets.reshape(-1).tolist(), 'params': {n: flat(t) for n, t in P.items()},
          'logits': flat(logits), 'attention': [flat(a) for a in atts], 'loss': float(loss),
          'grads': {n: flat(t) for n, t in zip(P.keys(), grads)}}
    initial = {n: t.detach().clone() for n, t in P.items()}  # the AdamW steps below change P
    if adamw_steps:
        hp = {'lr': 1e-2, 'beta1': 0.9, 'beta2': 0.95, 'eps': 1e-8, 'weight_decay': 0.1}
        decay = [t for t in P.values() if t.dim() >= 2]
        no_decay = [t for t in P.values() if t.dim() < 2]
        opt = torch.optim.AdamW([{'params': decay, 'weight_decay': hp['weight_decay']},
                                 {'params': no_decay, 'weight_decay': 0.0}],
                                lr=hp['lr'], betas=(hp['beta1'], hp['beta2']), eps=hp['eps'])
        losses = []
        for _ in range(adamw_steps):
            opt.zero_grad()
            lg, _ = model_forward(cfg, P, ids, tt, kp)
            step_loss = torch.nn.functional.cross_entropy(lg.reshape(-1, V), targets.reshape(-1), ignore_index=-1)
            step_loss.backward()
            opt.step()
            losses.append(float(step_loss))
        fx['adamw'] = {**hp, 'losses': losses}
    write(f'nn_{name}.json', fx)
    return cfg, initial


def write_safetensors(path, cfg, P):
    """Our checkpoint layout (src/io/checkpoint.h), F32, written by hand."""
    meta = {'format': 'attention-playground/transformer', 'format_version': '1',
            **{k: str(cfg[k]) for k in ('vocab_size', 'max_positions', 'embed_dim', 'num_heads', 'num_layers',
                                        'mlp_dim', 'type_vocab_size')},
            'causal': 'true' if cfg['causal'] else 'false', 'tie_embeddings': 'true' if cfg['tie_embeddings'] else 'false',
            'norm': cfg['norm'], 'activation': cfg['activation'], 'positions': 'learned',
            'layer_norm_eps': repr(cfg['layer_norm_eps'])}
    header, blobs, offset = {'__metadata__': meta}, [], 0
    for name, _ in param_shapes(cfg):
        data = P[name].detach().to(torch.float32).reshape(-1).numpy().tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(P[name].shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def main():
    layer_fixtures()
    base = {'vocab_size': 23, 'max_positions': 9, 'embed_dim': 16, 'num_heads': 4, 'num_layers': 2,
            'mlp_dim': 64, 'type_vocab_size': 0, 'causal': True, 'norm': 'pre', 'activation': 'gelu_tanh',
            'tie_embeddings': True, 'layer_norm_eps': 1e-5}
    cfg, P = model_fixture('gpt2', base, B=2, T=7, seed=2, adamw_steps=10, ignore=[(1, 6)])
    write_safetensors(os.path.join(HERE, 'nn_gpt2.safetensors'), cfg, P)
    bert = {**base, 'num_layers': 1, 'type_vocab_size': 2, 'causal': False, 'norm': 'post', 'activation': 'gelu',
            'tie_embeddings': False, 'layer_norm_eps': 1e-12}
    model_fixture('bert', bert, B=2, T=7, seed=3, types=True, padding=[[0] * 7, [0, 0, 0, 0, 0, 1, 1]],
                  ignore=[(0, 0), (0, 2), (0, 3), (0, 5), (1, 1), (1, 2), (1, 5), (1, 6)])
    model_fixture('attnonly', {**base, 'mlp_dim': 0}, B=2, T=7, seed=4)


if __name__ == '__main__':
    main()
