#!/usr/bin/env python3
"""export_attentions: runs a Hugging Face model on a sentence and writes its attention weights
(`output_attentions`) as the JSON the Attention Playground opens ("Open a model…", then pick
the file): {"model", "tokens", "attention": [layers][heads][T][T]}, the layout of BertViz and of
Hugging Face's output with the batch of one dropped. Each row is a softmax row (sums to 1).

Usage (needs PyTorch and transformers: pip install torch transformers):
  python3 web/tools/export_attentions.py gpt2 "The cat sat on the mat" -o gpt2.json
  python3 web/tools/export_attentions.py bert-base-uncased "The cat sat on the [MASK]." -o bert.json
  python3 web/tools/export_attentions.py distilgpt2 "Hello" --digits 5 -o small.json   # rounded, smaller

Any model id or local folder that AutoModel loads works; the tokens are the tokenizer's pieces
(GPT-2's 'Ġcat', BERT's '##ing'), which the page shows readably. attentions_to_json() is the
part the repository tests (tests/js/export-attentions.test.mjs, with a fake tuple of tensors).
"""
import argparse
import json
import sys


def attentions_to_json(tokens, attentions, model_name=None, digits=None):
    """tokens: T strings; attentions: a tuple of L tensors of shape (1, H, T, T), as
    model(**inputs, output_attentions=True).attentions gives -> a JSON-ready dict."""
    layers = []
    for i, layer in enumerate(attentions):
        shape = tuple(layer.shape)
        if len(shape) != 4 or shape[0] != 1 or shape[2] != len(tokens) or shape[3] != len(tokens):
            raise ValueError(f'layer {i} has shape {shape}; expected (1, heads, {len(tokens)}, {len(tokens)})')
        heads = layer[0].double().tolist()
        if digits is not None:
            heads = [[[round(w, digits) for w in row] for row in head] for head in heads]
        layers.append(heads)
    out = {'tokens': list(tokens), 'attention': layers}
    if model_name:
        out = {'model': model_name, **out}
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('model', help='a Hugging Face model id (gpt2, bert-base-uncased, ...) or a local folder')
    parser.add_argument('text', help='the sentence to run')
    parser.add_argument('-o', '--output', default='-', help='the JSON file to write (default: standard output)')
    parser.add_argument('--digits', type=int, default=None, help='round the weights to this many decimals')
    args = parser.parse_args(argv)

    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(args.model)
    # The eager attention implementation is the one that returns the weights.
    model = AutoModel.from_pretrained(args.model, output_attentions=True, attn_implementation='eager')
    model.eval()
    inputs = tokenizer(args.text, return_tensors='pt')
    with torch.no_grad():
        outputs = model(**inputs)
    tokens = tokenizer.convert_ids_to_tokens(inputs['input_ids'][0])
    data = attentions_to_json(tokens, outputs.attentions, args.model, args.digits)
    if args.output == '-':
        json.dump(data, sys.stdout)
    else:
        with open(args.output, 'w', encoding='utf-8') as f:
            json.dump(data, f)
        L = len(data['attention'])
        print(f'wrote {args.output}: {len(tokens)} tokens, {L} layers x {len(data["attention"][0])} heads', file=sys.stderr)


if __name__ == '__main__':
    main()
