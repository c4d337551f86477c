# The PyTorch peer of the AgentRL policy (Learning/Policy: PolicyModel, DecoderLayer, RotaryEmbedding): the same
# Llama-style model, the same batched KV-cached greedy generation and the same teacher-forced training step, timed
# with the same thread count. It loads the weights and inputs the C# side wrote (safetensors, read by the small reader
# below; the `safetensors` package is not needed), checks it computes the same logits and greedy tokens, then times.
# Run with Debian's interpreter (/usr/bin/python3), whose python3-torch uses the same libtorch 1.13. Prints JSON.
import argparse, json, math, struct, sys, time
import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "BOOL": torch.bool, "U8": torch.uint8}


def read_safetensors(path):
    """(tensors by name, metadata): an 8-byte little-endian header length, a JSON header, then the raw data."""
    if sys.byteorder != "little":
        raise SystemExit("this reader assumes a little-endian machine")
    with open(path, "rb") as f:
        data = f.read()
    (header_length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_length])
    start = 8 + header_length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        dtype = DTYPES[entry["dtype"]]
        flat = torch.frombuffer(bytearray(data[start + begin:start + end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors, header.get("__metadata__", {})


class RMSNorm(torch.nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = torch.nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * (x.square().mean(-1, keepdim=True) + self.eps).rsqrt() * self.weight


class Rotary(torch.nn.Module):
    """The "rotate half" form: pairs (x_j, x_{j+d/2}) turn by pos * theta^(-2j/d); angles in float64, tables float32."""

    def __init__(self, head_dim, max_positions, theta):
        super().__init__()
        self.half = head_dim // 2
        angles = [[p * math.pow(theta, -2.0 * j / head_dim) for j in range(self.half)] for p in range(max_positions)]
        self.register_buffer("cos", torch.tensor([[math.cos(a) for a in row] for row in angles], dtype=torch.float64).float(), persistent=False)
        self.register_buffer("sin", torch.tensor([[math.sin(a) for a in row] for row in angles], dtype=torch.float64).float(), persistent=False)

    def forward(self, x, start):
        length = x.shape[2]
        cos, sin = self.cos[start:start + length], self.sin[start:start + length]
        first, second = x[..., :self.half], x[..., self.half:]
        return torch.cat([first * cos - second * sin, first * sin + second * cos], -1)


def attention(q, k, v, key_padding):
    """softmax(q k^T / sqrt(d) + masks) v; the causal mask aligns the last query with the last key (KV caches)."""
    scores = q.matmul(k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    if key_padding is not None:
        scores = scores.masked_fill(key_padding, -1e9)
    lq, lk = q.shape[-2], k.shape[-2]
    causal = torch.ones(lq, lk, dtype=torch.bool).triu(lk - lq + 1)
    return torch.softmax(scores.masked_fill(causal, float("-inf")), -1).matmul(v)


class DecoderLayer(torch.nn.Module):
    def __init__(self, dim, heads, hidden, eps):
        super().__init__()
        self.heads = heads
        self.attention_norm = RMSNorm(dim, eps)
        self.query = torch.nn.Linear(dim, dim, bias=False)
        self.key = torch.nn.Linear(dim, dim, bias=False)
        self.value = torch.nn.Linear(dim, dim, bias=False)
        self.output = torch.nn.Linear(dim, dim, bias=False)
        self.mlp_norm = RMSNorm(dim, eps)
        self.gate = torch.nn.Linear(dim, hidden, bias=False)
        self.up = torch.nn.Linear(dim, hidden, bias=False)
        self.down = torch.nn.Linear(hidden, dim, bias=False)

    def forward(self, x, rotary, start, cache, layer, key_padding):
        b, l, d = x.shape
        split = lambda t: t.reshape(b, l, self.heads, d // self.heads).transpose(1, 2)
        n = self.attention_norm(x)
        q = rotary(split(self.query(n)), start)
        k = rotary(split(self.key(n)), start)
        v = split(self.value(n))
        if cache is not None:
            if cache[layer] is not None:
                k, v = torch.cat([cache[layer][0], k], 2), torch.cat([cache[layer][1], v], 2)
            cache[layer] = (k, v)
        attended = attention(q, k, v, key_padding)
        h = x + self.output(attended.transpose(1, 2).reshape(b, l, d))
        m = self.mlp_norm(h)
        return h + self.down(torch.nn.functional.silu(self.gate(m)) * self.up(m))


class Policy(torch.nn.Module):
    def __init__(self, vocab, dim, layers, heads, hidden, max_positions, theta, eps, tied):
        super().__init__()
        self.embedding = torch.nn.Embedding(vocab, dim)
        self.layers = torch.nn.ModuleList(DecoderLayer(dim, heads, hidden, eps) for _ in range(layers))
        self.final_norm = RMSNorm(dim, eps)
        self.head = None if tied else torch.nn.Linear(dim, vocab, bias=False)
        self.rotary = Rotary(dim // heads, max_positions, theta)

    def forward(self, tokens, start=0, cache=None, key_padding=None):
        """Logits [B, L, V]; key_padding is [B, T] (true = padding) over every position so far."""
        padding = None if key_padding is None else key_padding[:, None, None, :]
        x = self.embedding(tokens)
        for i, layer in enumerate(self.layers):
            x = layer(x, self.rotary, start, cache, i, padding)
        hidden = self.final_norm(x)
        return self.head(hidden) if self.head is not None else hidden.matmul(self.embedding.weight.t())


@torch.no_grad()
def generate(model, prompts, new_tokens):
    """PolicySampler's algorithm for equal-length prompts: prefill, then one token per step for all, greedy."""
    batch, prompt_length = prompts.shape
    padding = torch.zeros(batch, prompt_length + new_tokens, dtype=torch.bool)
    cache = [None] * len(model.layers)
    last = model(prompts, 0, cache, padding[:, :prompt_length])[:, -1]
    tokens, log_probs = [], []
    for step in range(new_tokens):
        log_softmax = torch.log_softmax(last, -1)
        token = log_softmax.argmax(-1)
        tokens.append(token)
        log_probs.append(log_softmax.gather(1, token[:, None])[:, 0])
        if step == new_tokens - 1:
            break
        position = prompt_length + step
        last = model(token[:, None], position, cache, padding[:, :position + 1])[:, -1]
    return torch.stack(tokens, 1), torch.stack(log_probs, 1)


def training_step(model, optimizer, tokens):
    """TeacherForcing.LogProbTensor with a one-token context, loss = mean negative log-prob, backward, AdamW."""
    batch, length = tokens.shape
    optimizer.zero_grad()
    logits = model(tokens, 0, None, torch.zeros(batch, length, dtype=torch.bool))
    log_softmax = (logits[:, :length - 1] / 1.0).log_softmax(-1)  # temperature 1, divided as TeacherForcing does
    gathered = log_softmax.gather(2, tokens[:, 1:, None])[:, :, 0]
    entropy = -(log_softmax.exp() * log_softmax).sum(2)
    mask = torch.ones(batch, length - 1)
    log_probs, _ = gathered * mask, entropy * mask  # TeacherForcing computes the entropy too; unused here
    loss = -log_probs.sum() / mask.sum()
    loss.backward()
    optimizer.step()
    return loss.item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--generations", type=int, default=2)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    weights, config = read_safetensors(args.weights)
    inputs, _ = read_safetensors(args.inputs)

    def build():
        model = Policy(int(config["vocabulary_size"]), int(config["dimension"]), int(config["layers"]), int(config["heads"]),
                       int(config["hidden"]), int(config["max_sequence_length"]), float(config["rope_theta"]),
                       float(config["norm_eps"]), config["tie_embeddings"] == "true")
        model.load_state_dict(weights, strict=True)
        return model

    model = build().eval()
    prompts, new_tokens = inputs["prompts"], inputs["greedy_tokens"].shape[1]

    # The same model: logits on a fixed input, and greedy tokens through the KV-cached path.
    with torch.no_grad():
        difference = (model(inputs["check_tokens"]) - inputs["check_logits"]).abs().max().item()
    greedy, _ = generate(model, prompts, new_tokens)
    agree = greedy == inputs["greedy_tokens"]

    def seconds_per_generation(count):
        started = time.perf_counter()
        for _ in range(count):
            generate(model, prompts, new_tokens)
        return (time.perf_counter() - started) / count

    generation_seconds = seconds_per_generation(args.generations)

    trained = build().train()
    optimizer = torch.optim.AdamW(trained.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=args.weight_decay)
    tokens = inputs["training_tokens"]
    warm_up_losses = [training_step(trained, optimizer, tokens) for _ in range(2)]
    started = time.perf_counter()
    for _ in range(args.steps):
        training_step(trained, optimizer, tokens)
    training_ms = (time.perf_counter() - started) * 1000 / args.steps

    print(json.dumps({
        "generation_seconds": generation_seconds,
        "training_ms_per_step": training_ms,
        "warm_up_losses": warm_up_losses,
        "max_abs_logit_difference": difference,
        "greedy_tokens_matching": int(agree.sum()),
        "greedy_tokens_total": agree.numel(),
        "greedy_sequences_matching": int(agree.all(1).sum()),
        "threads": torch.get_num_threads(),
        "torch_version": torch.__version__,
    }))


main()
