"""train_torch: the training benchmark's PyTorch peer (native, one thread), driven by
tests/bench/bench-train.mjs over stdin/stdout, one JSON object per line each way.

The same pre-LN GPT-2 model as the engine (module names = the engine's tensor names, so the
safetensors file it is given loads with load_state_dict): token + learned position embedding,
per layer LN -> causal multi-head attention -> residual, LN -> Linear C->F, GELU (tanh),
Linear F->C -> residual; final LN; logits tied to wte; mean cross-entropy; torch.optim.AdamW
with weight decay on parameters of >= 2 dimensions only. One step = zero_grad, forward,
backward, optimizer.step, loss.item().

First line in: {"init": path.safetensors, "shape": TRAIN_SHAPE, "optimizer": OPTIMIZER,
"layerNormEps": 1e-5, "inputs": [B*T], "targets": [B*T]}. Then commands:
  {"cmd": "steps", "count": k} -> {"losses": [k losses], "cpuMs": per step, "wallMs": per step}
  {"cmd": "quit"}
Run with Debian's /usr/bin/python3 (python3-torch 1.13). Benchmark-only code.
"""
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + n])
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        if t["dtype"] != "F32":
            raise ValueError(f"{name}: dtype {t['dtype']}, expected F32")
        a, b = t["data_offsets"]
        array = np.frombuffer(data[8 + n + a : 8 + n + b], dtype="<f4").reshape(t["shape"])
        out[name] = torch.from_numpy(array.copy())
    return out


class Attention(nn.Module):
    def __init__(self, C, H):
        super().__init__()
        self.H = H
        self.c_attn = nn.Linear(C, 3 * C)
        self.c_proj = nn.Linear(C, C)

    def forward(self, x, mask):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        heads = lambda t: t.view(B, T, self.H, C // self.H).transpose(1, 2)  # (B, H, T, hd)
        q, k, v = heads(q), heads(k), heads(v)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // self.H))
        att = F.softmax(att.masked_fill(mask[:T, :T], float("-inf")), dim=-1)
        return self.c_proj((att @ v).transpose(1, 2).contiguous().view(B, T, C))


class Mlp(nn.Module):
    def __init__(self, C, F_):
        super().__init__()
        self.c_fc = nn.Linear(C, F_)
        self.c_proj = nn.Linear(F_, C)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))


class Block(nn.Module):
    def __init__(self, C, H, F_, eps):
        super().__init__()
        self.ln_1 = nn.LayerNorm(C, eps=eps)
        self.attn = Attention(C, H)
        self.ln_2 = nn.LayerNorm(C, eps=eps)
        self.mlp = Mlp(C, F_)

    def forward(self, x, mask):
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.mlp(self.ln_2(x))


class Gpt(nn.Module):
    def __init__(self, s, eps):
        super().__init__()
        C = s["embedDim"]
        self.wte = nn.Embedding(s["vocabSize"], C)
        self.wpe = nn.Embedding(s["maxPositions"], C)
        self.h = nn.ModuleList([Block(C, s["numHeads"], s["mlpDim"], eps) for _ in range(s["numLayers"])])
        self.ln_f = nn.LayerNorm(C, eps=eps)
        T = s["maxPositions"]
        self.register_buffer("mask", torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1), persistent=False)

    def forward(self, ids):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))
        for block in self.h:
            x = block(x, self.mask)
        return F.linear(self.ln_f(x), self.wte.weight)  # tied output layer


def blas_library():
    """The libblas.so.3 this process loaded (the Debian alternative or LD_LIBRARY_PATH's)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "libblas" in line or "openblas" in line}
    return sorted(paths)


def main():
    torch.set_num_threads(1)
    setup = json.loads(sys.stdin.readline())
    s, o = setup["shape"], setup["optimizer"]
    model = Gpt(s, setup["layerNormEps"])
    model.load_state_dict(read_safetensors(setup["init"]), strict=True)
    params = list(model.parameters())
    groups = [
        {"params": [p for p in params if p.dim() >= 2], "weight_decay": o["weightDecay"]},
        {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"])
    shape = (s["batch"], s["seq"])
    inputs = torch.tensor(setup["inputs"], dtype=torch.long).view(shape)
    targets = torch.tensor(setup["targets"], dtype=torch.long).view(-1)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(inputs).view(-1, s["vocabSize"]), targets)
        loss.backward()
        opt.step()
        return loss.item()

    hello = {"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}
    print(json.dumps(hello), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "quit":
            break
        c0, w0 = time.process_time(), time.perf_counter()
        losses = [step() for _ in range(cmd["count"])]
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        n = max(1, cmd["count"])
        print(json.dumps({"losses": losses, "cpuMs": cpu * 1000 / n, "wallMs": wall * 1000 / n}), flush=True)


if __name__ == "__main__":
    main()
